-- A private calendar feed per person (their shifts as iCalendar). The token in its address is all a calendar
-- program has, so it is kept as it is; a new one replaces it, and the old address stops working.
CREATE TABLE calendar_feed (
    account_id BIGINT      PRIMARY KEY REFERENCES account (id),
    token      VARCHAR(64) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT calendar_feed_token UNIQUE (token)
);
