-- On a platform run as a cooperative a consultation ends in a binding vote of the working members. The ballot is
-- secret: who voted is kept apart from the counts. The counts and the number entitled to vote are kept with the
-- consultation once it closes, with the quorum and majority it was decided by.
ALTER TABLE consultation ADD COLUMN binding BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE consultation ADD COLUMN yes_votes INT DEFAULT 0 NOT NULL;
ALTER TABLE consultation ADD COLUMN no_votes INT DEFAULT 0 NOT NULL;
ALTER TABLE consultation ADD COLUMN eligible INT;
ALTER TABLE consultation ADD COLUMN quorum_percent INT;
ALTER TABLE consultation ADD COLUMN majority_percent INT;

CREATE TABLE consultation_voter (
    consultation_id  BIGINT NOT NULL REFERENCES consultation (id),
    voter_id         BIGINT NOT NULL REFERENCES account (id),
    PRIMARY KEY (consultation_id, voter_id)
);
