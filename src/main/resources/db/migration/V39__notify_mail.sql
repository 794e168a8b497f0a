-- Notices by e-mail. A person's address is used only once they confirmed it through a link mailed to it; the
-- unsubscribe token lets a mail's one-click link stop one kind of message without logging in (it can do nothing
-- else, so it is kept as it is; of the confirmation token only the digest is kept). Quiet hours are local hours of the day: mail due inside them waits until they end.
CREATE TABLE notify_address (
    account_id        BIGINT       PRIMARY KEY REFERENCES account (id),
    email             VARCHAR(254) NOT NULL,
    confirm_hash      VARCHAR(64),
    confirmed_at      TIMESTAMP WITH TIME ZONE,
    unsubscribe_token VARCHAR(64)  NOT NULL,
    quiet_from        SMALLINT,
    quiet_until       SMALLINT,
    CONSTRAINT notify_address_confirm UNIQUE (confirm_hash),
    CONSTRAINT notify_address_unsubscribe UNIQUE (unsubscribe_token)
);

-- What a person chose, per kind of notice and channel; without a row, the kind's default holds.
CREATE TABLE notify_choice (
    account_id BIGINT      NOT NULL REFERENCES account (id),
    kind       VARCHAR(40) NOT NULL,
    channel    VARCHAR(10) NOT NULL,
    wanted     BOOLEAN     NOT NULL,
    PRIMARY KEY (account_id, kind, channel)
);

-- Each notice to be sent by a channel, written with the notice; a sender claims due rows (FOR UPDATE SKIP LOCKED),
-- so that with several nodes each is sent by one of them.
CREATE TABLE notification_delivery (
    notification_id BIGINT      NOT NULL REFERENCES notification (id),
    channel         VARCHAR(10) NOT NULL,
    state           VARCHAR(10) NOT NULL,
    attempts        INT         NOT NULL,
    due_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (notification_id, channel)
);
CREATE INDEX notification_delivery_due ON notification_delivery (state, due_at);
