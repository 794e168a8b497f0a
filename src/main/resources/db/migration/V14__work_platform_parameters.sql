-- The platform's rule parameters once changed (after a consultation, RIGHTS.md R11). A parameter
-- without a row has its configured default.
CREATE TABLE platform_parameter (
    name             VARCHAR(100) PRIMARY KEY,
    current_value    VARCHAR(200) NOT NULL,
    changed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    consultation_id  BIGINT NOT NULL
);
