-- Dispatching by people: an organisation can dispatch its errands itself (a courier cooperative's dispatcher), its
-- own couriers are a team each courier joins by accepting an invitation, and a saved place (a store) can have default
-- couriers, asked before anyone else. An offer says how it came: by the rule (NULL), to a store's default courier
-- (STORE), by a dispatcher's hand with a reason (HAND), or picked by the courier from the open board (BOARD).
CREATE TABLE errand_dispatch (
    organisation_id BIGINT PRIMARY KEY REFERENCES organisation (id),
    self_dispatch   BOOLEAN NOT NULL,
    changed_by      BIGINT NOT NULL REFERENCES account (id),
    changed_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE courier_team (
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    worker_id       BIGINT NOT NULL REFERENCES account (id),
    state           VARCHAR(16) NOT NULL,
    invited_by      BIGINT NOT NULL REFERENCES account (id),
    invited_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    joined_at       TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (organisation_id, worker_id)
);
CREATE INDEX courier_team_worker ON courier_team (worker_id, state);

CREATE TABLE store_courier (
    place_id  BIGINT NOT NULL REFERENCES saved_place (id) ON DELETE CASCADE,
    worker_id BIGINT NOT NULL REFERENCES account (id),
    position  INT NOT NULL,
    PRIMARY KEY (place_id, worker_id)
);

ALTER TABLE errand_offer ADD COLUMN how VARCHAR(16);
ALTER TABLE errand_offer ADD COLUMN assigned_by BIGINT REFERENCES account (id);
ALTER TABLE errand_offer ADD COLUMN note VARCHAR(500);
