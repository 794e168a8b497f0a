package org.polder.testing;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Chooses the database of a test run: H2 in memory by default, or PostgreSQL when the system
 * property {@code polder.test.database=postgresql} is set (the build's second test run). Each JVM
 * gets a fresh PostgreSQL database of its own, dropped when the JVM ends.
 */
public final class TestDatabase {

    private static final String ADMIN_URL = System.getProperty("polder.test.pg.url",
            System.getenv().getOrDefault("POLDER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"));
    private static final String USER = System.getProperty("polder.test.pg.user",
            System.getenv().getOrDefault("POLDER_TEST_PG_USER", "postgres"));
    private static final String PASSWORD = System.getProperty("polder.test.pg.password",
            System.getenv().getOrDefault("POLDER_TEST_PG_PASSWORD", ""));

    private static String url;

    private TestDatabase() {
    }

    public static boolean postgres() {
        return "postgresql".equalsIgnoreCase(System.getProperty("polder.test.database", "h2"));
    }

    /**
     * Whether this run can use its database. A PostgreSQL run on a machine without a reachable server
     * is skipped, unless {@code POLDER_REQUIRE_POSTGRES=true} (set by CI) makes that an error.
     */
    public static boolean usable() {
        if (!postgres()) {
            return true;
        }
        try (Connection ignored = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD)) {
            return true;
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("POLDER_REQUIRE_POSTGRES"))) {
                throw new IllegalStateException("PostgreSQL is required for this run but not reachable at " + ADMIN_URL + ": " + e.getMessage(), e);
            }
            return false;
        }
    }

    public static synchronized void register(DynamicPropertyRegistry registry) {
        if (!postgres()) {
            return;
        }
        if (url == null) {
            url = create();
        }
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> PASSWORD);
    }

    private static String create() {
        String name = "polder_test_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL test run, but no database could be created at " + ADMIN_URL
                    + " as " + USER + ": " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException ignored) {
                // best effort: a leftover test database does no harm
            }
        }));
        int slash = ADMIN_URL.lastIndexOf('/');
        return ADMIN_URL.substring(0, slash + 1) + name + "?reWriteBatchedInserts=true";
    }
}
