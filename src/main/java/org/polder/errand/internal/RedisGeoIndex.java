package org.polder.errand.internal;

import io.lettuce.core.GeoArgs;
import io.lettuce.core.GeoSearch;
import io.lettuce.core.GeoWithin;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.polder.errand.GeoIndex;

import java.util.List;

/**
 * The couriers on duty in Redis, for several application nodes: one sorted set of geo positions (GEOADD), asked with
 * GEOSEARCH by radius, nearest first. Every node sees every courier; Redis keeps the set between restarts. One
 * connection, shared by all threads (Lettuce's connections are thread-safe and pipeline the commands sent at once).
 */
public class RedisGeoIndex implements GeoIndex, AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final String key;

    /** {@code url}: redis://host:port; {@code key}: the sorted set's name, one per Polder installation. */
    public RedisGeoIndex(String url, String key) {
        this.client = RedisClient.create(url);
        this.connection = client.connect();
        this.redis = connection.sync();
        this.key = key;
    }

    @Override
    public void put(long workerId, double latitude, double longitude) {
        redis.geoadd(key, longitude, latitude, Long.toString(workerId));
    }

    /** Places or moves many couriers in one command: {@code ids[i]} to {@code positions[i]} (latitude, longitude). */
    public void putAll(long[] ids, double[][] positions) {
        Object[] values = new Object[ids.length * 3];
        for (int i = 0; i < ids.length; i++) {
            values[3 * i] = positions[i][1];
            values[3 * i + 1] = positions[i][0];
            values[3 * i + 2] = Long.toString(ids[i]);
        }
        redis.geoadd(key, values);
    }

    @Override
    public void remove(long workerId) {
        redis.zrem(key, Long.toString(workerId));
    }

    /**
     * Asks within an eighth of the radius first, then half, then all of it: where couriers are dense, the nearest are
     * found among few (Redis measures and sorts every courier within the radius asked). Exact: when {@code k} are
     * found within a smaller circle, nobody outside it can be nearer.
     */
    @Override
    public List<Near> nearest(double latitude, double longitude, int k, double maxKm) {
        List<GeoWithin<String>> found = List.of();
        for (double km : new double[] {maxKm / 8, maxKm / 2, maxKm}) {
            found = redis.geosearch(key, GeoSearch.fromCoordinates(longitude, latitude), GeoSearch.byRadius(km, GeoArgs.Unit.km),
                    GeoArgs.Builder.distance().withCount(k).asc());
            if (found.size() >= k) {
                break;
            }
        }
        return found.stream().map(g -> new Near(Long.parseLong(g.getMember()), g.getDistance())).toList();
    }

    @Override
    public int size() {
        return Math.toIntExact(redis.zcard(key));
    }

    /** Forgets every courier (for tests and benchmarks that start afresh). */
    public void clear() {
        redis.del(key);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
