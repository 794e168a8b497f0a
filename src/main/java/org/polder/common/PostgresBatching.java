package org.polder.common;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, a batch of inserts goes to the server as one multi-row {@code INSERT} (the driver's
 * {@code reWriteBatchedInserts}): a task suite's assignments and trail events, a batch's tasks. The driver
 * then reports no count per row, so batched inserts here never read per-row counts. H2 takes no such setting.
 */
@Component
class PostgresBatching implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null && pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            pool.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        return bean;
    }
}
