package org.polder.testing;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run the whole application on a real database: H2 in the first test run,
 * PostgreSQL in the second. All share one Spring context per database, so data of one test class
 * is visible to others: each test makes its own accounts and organisations.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(PolderIT.TestClockConfiguration.class)
@Tag("database")
public abstract class PolderIT {

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected Fixtures fixtures;

    @BeforeAll
    static void databaseIsThere() {
        Assumptions.assumeTrue(TestDatabase.usable(), "PostgreSQL is not reachable: skipping the PostgreSQL run");
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        // Addresses are looked up in a local stand-in that speaks PDOK Locatieserver's format; map tiles come from it too.
        registry.add("polder.places.geocoder", () -> "pdok");
        registry.add("polder.places.url", () -> OutsideServices.get().url("pdok"));
        registry.add("polder.map.tiles", () -> OutsideServices.get().tiles());
    }

    protected Api api() {
        return new Api(port);
    }

    @TestConfiguration(proxyBeanMethods = false)
    @Import(Fixtures.class)
    static class TestClockConfiguration {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }

        /** Counts what requests say to the database (see StatementBudgetIT). */
        @Bean
        static StatementCounter statementCounter() {
            return new StatementCounter();
        }
    }
}
