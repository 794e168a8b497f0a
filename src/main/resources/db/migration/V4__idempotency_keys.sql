-- The first answer to a request sent with an Idempotency-Key, replayed for repeats.
CREATE TABLE idempotency_key (
    account_id  BIGINT NOT NULL,
    idem_key    VARCHAR(200) NOT NULL,
    fingerprint VARCHAR(64) NOT NULL,
    status      INT NOT NULL,
    body        TEXT,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account_id, idem_key)
);
