-- Workers rate requesters (RIGHTS.md R9, R11): one rating per worker and organisation, the latest
-- counts. Requesters see averages only, once at least five workers rated, and never who rated.
CREATE TABLE requester_rating (
    worker_id        BIGINT NOT NULL REFERENCES account (id),
    organisation_id  BIGINT NOT NULL REFERENCES organisation (id),
    assignment_id    BIGINT NOT NULL,
    pay              SMALLINT NOT NULL,
    clarity          SMALLINT NOT NULL,
    communication    SMALLINT NOT NULL,
    fairness         SMALLINT NOT NULL,
    rated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (worker_id, organisation_id)
);
CREATE INDEX requester_rating_organisation ON requester_rating (organisation_id);
