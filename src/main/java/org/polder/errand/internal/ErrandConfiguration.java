package org.polder.errand.internal;

import org.polder.errand.GeoIndex;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The geo index of couriers on duty: in memory in H3 cells on a single node (the default), or in the
 * database when several application nodes share the work ({@code polder.errand.geo-index=database}).
 */
@Configuration
public class ErrandConfiguration {

    @Bean
    public GeoIndex geoIndex(@Value("${polder.errand.geo-index:memory}") String kind, JdbcClient jdbc) {
        return switch (kind) {
            case "memory" -> new H3GeoIndex();
            case "database" -> new DatabaseGeoIndex(jdbc);
            default -> throw new IllegalArgumentException("polder.errand.geo-index must be memory or database, was " + kind);
        };
    }
}
