package org.polder.common;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.polder.testing.PolderIT;
import org.polder.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Batched inserts go to PostgreSQL as one statement; H2 is left as it is (it takes no such setting). */
class PostgresBatchingIT extends PolderIT {

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbcTemplate;

    @Test
    void batchedInsertsAreRewrittenOnPostgresOnly() throws Exception {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        assertThat(pool.getDataSourceProperties().getProperty("reWriteBatchedInserts"))
                .isEqualTo(TestDatabase.postgres() ? "true" : null);
        // A batch still writes every row (the driver then reports no count per row, which nothing here reads).
        String table = "batching_check_" + System.nanoTime();
        jdbcTemplate.execute("CREATE TABLE " + table + " (n INT)");
        try {
            jdbcTemplate.batchUpdate("INSERT INTO " + table + " (n) VALUES (?)", List.of(new Object[]{1}, new Object[]{2}, new Object[]{3}));
            assertThat(jdbcTemplate.queryForObject("SELECT SUM(n) FROM " + table, Integer.class)).isEqualTo(6);
        } finally {
            jdbcTemplate.execute("DROP TABLE " + table);
        }
    }
}
