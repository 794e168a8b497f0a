-- Clients rate the worker of a settled shift, 1 to 5 stars with an optional comment. Each rating is a
-- decision the worker reads and can contest (appeal); an upheld appeal removes it from their record.
CREATE TABLE shift_rating (
    assignment_id   BIGINT PRIMARY KEY REFERENCES assignment (id),
    worker_id       BIGINT NOT NULL REFERENCES account (id),
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    rated_by        BIGINT NOT NULL REFERENCES account (id),
    stars           INT NOT NULL,
    comment         VARCHAR(1000) NOT NULL,
    rated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    decision_id     BIGINT NOT NULL REFERENCES decision (id),
    removed_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX shift_rating_worker ON shift_rating (worker_id);
