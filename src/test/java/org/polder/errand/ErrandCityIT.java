package org.polder.errand;

import org.junit.jupiter.api.BeforeEach;
import org.polder.account.CurrentUser;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Errand tests, each in a patch of the world of its own so that couriers of other tests are never nearby: a shop with
 * €1,000 to book with, and couriers put on duty north of it.
 */
abstract class ErrandCityIT extends PolderIT {

    static final long FUNDS = 100_000;

    @Autowired Duty duty;

    double lat;
    double lng;
    CurrentUser shop;

    @BeforeEach
    void city() {
        lat = ThreadLocalRandom.current().nextDouble(-50, 50);
        lng = ThreadLocalRandom.current().nextDouble(-150, 150);
        shop = fixtures.requester();
        fixtures.fund(shop, FUNDS);
    }

    /** A courier on duty this many km north of the pickup. */
    CurrentUser courier(double kmNorth) {
        CurrentUser c = fixtures.worker();
        duty.goOnDuty(c);
        duty.position(c, lat + kmNorth / 111.2, lng);
        return c;
    }
}
