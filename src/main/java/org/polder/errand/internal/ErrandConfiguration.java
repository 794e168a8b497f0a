package org.polder.errand.internal;

import org.polder.errand.GeoIndex;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The geo index of couriers on duty: in memory in H3 cells on a single node (the default), or shared by several
 * application nodes in the database ({@code polder.errand.geo-index=database}) or in Redis ({@code redis}, at
 * {@code polder.errand.redis-url}, in the sorted set {@code polder.errand.redis-key}).
 */
@Configuration
public class ErrandConfiguration {

    @Bean
    public GeoIndex geoIndex(@Value("${polder.errand.geo-index:memory}") String kind, JdbcClient jdbc,
                             @Value("${polder.errand.redis-url:redis://127.0.0.1:6379}") String redisUrl,
                             @Value("${polder.errand.redis-key:polder:couriers}") String redisKey) {
        return switch (kind) {
            case "memory" -> new H3GeoIndex();
            case "database" -> new DatabaseGeoIndex(jdbc);
            case "redis" -> new RedisGeoIndex(redisUrl, redisKey);
            default -> throw new IllegalArgumentException("polder.errand.geo-index must be memory, database or redis, was " + kind);
        };
    }
}
