-- Time couriers spent on duty per area (an H3 cell) and local hour, added up as positions arrive: aggregates that
-- outlive the positions themselves (deleted after a week) and name nobody. couriers counts arrivals in the area and hour.
CREATE TABLE demand_duty (
    cell       VARCHAR(16) NOT NULL,
    hour_start TIMESTAMP WITH TIME ZONE NOT NULL,
    seconds    BIGINT NOT NULL,
    couriers   INT NOT NULL,
    PRIMARY KEY (cell, hour_start)
);
CREATE INDEX demand_duty_hour ON demand_duty (hour_start);
