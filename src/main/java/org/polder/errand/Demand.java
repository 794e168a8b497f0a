package org.polder.errand;

import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.Sql;
import org.polder.ledger.Money;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where and when work is, for couriers deciding when and where to go on duty, so that less of their time is spent
 * waiting unpaid: the last weeks' errands counted per area (an H3 cell of about 0.7 km² around their pickups) and per
 * hour of the week, and what couriers earned per hour on duty at each hour. Aggregates only: an area is shown from
 * {@link #MIN_ERRANDS} errands, earnings from {@link #MIN_COURIERS} couriers on duty; never a courier's position or
 * anybody's errand.
 */
@Service
public class Demand {

    /** How far back the counts go. */
    public static final int WEEKS = 4;
    /** An area shows from this many errands in the period. */
    public static final int MIN_ERRANDS = 3;
    /** Earnings at an hour show from this many different couriers on duty then. */
    public static final int MIN_COURIERS = 3;
    static final int RESOLUTION = 8;

    /**
     * An area: its middle, the pickup address most errands there start from, errands a week at the hour asked, what couriers
     * on duty there then earned per hour (null when fewer than 3 couriers or less than an hour on duty there), its corners.
     */
    public record Area(String cell, double latitude, double longitude, String near, double errandsPerWeek, Money earnedPerHourOnDuty,
                       List<List<Double>> boundary) {
    }

    /** One hour of the day asked: errands a week, and couriers' pay per hour on duty (null with too few couriers to say). */
    public record Hour(int hour, double errandsPerWeek, Money earnedPerHourOnDuty) {
    }

    public record Picture(DayOfWeek day, int hour, int weeks, List<Area> areas, List<Hour> hours) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ZoneId zone;
    private final H3Core h3;

    Demand(JdbcClient jdbc, Clock clock, @Value("${polder.display-zone:Europe/Amsterdam}") String zone) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
        try {
            this.h3 = H3Core.newInstance();
        } catch (IOException e) {
            throw new UncheckedIOException("H3's native library could not be loaded", e);
        }
    }

    private record Booked(double lat, double lng, String pickup, ZonedDateTime at, long pay, boolean delivered) {
    }

    /** The picture for a day of the week and an hour (local time), from the last {@link #WEEKS} weeks. Couriers only. */
    @Transactional(readOnly = true)
    public Picture at(CurrentUser courier, DayOfWeek day, int hour) {
        courier.require(Role.WORKER);
        int h = Math.floorMod(hour, 24);
        Instant to = clock.instant();
        Instant from = to.minus(Duration.ofDays(7L * WEEKS));
        // Errands of real organisations only: a sandbox's are play.
        List<Booked> booked = jdbc.sql("""
                        SELECT pickup_lat, pickup_lng, pickup_address, window_start, pay, state FROM errand
                        WHERE window_start >= ? AND window_start < ? AND state <> 'CANCELLED'
                          AND organisation_id NOT IN (SELECT id FROM organisation WHERE sandbox_of IS NOT NULL)""")
                .params(Sql.ts(from), Sql.ts(to))
                .query((rs, n) -> new Booked(rs.getDouble(1), rs.getDouble(2), rs.getString(3), Sql.instant(rs, "window_start").atZone(zone),
                        rs.getLong(5), "DELIVERED".equals(rs.getString(6)))).list();

        // Time on duty per area at this day and hour, from the aggregates kept as positions arrived.
        Map<String, long[]> onDuty = new HashMap<>();
        jdbc.sql("SELECT cell, hour_start, seconds, couriers FROM demand_duty WHERE hour_start >= ? AND hour_start < ?")
                .params(Sql.ts(from), Sql.ts(to))
                .query(rs -> {
                    ZonedDateTime at = Sql.instant(rs, "hour_start").atZone(zone);
                    if (at.getDayOfWeek() == day && at.getHour() == h) {
                        long[] sum = onDuty.computeIfAbsent(rs.getString(1), c -> new long[2]);
                        sum[0] += rs.getLong(3);
                        sum[1] += rs.getLong(4);
                    }
                });
        Map<String, List<Booked>> byCell = new HashMap<>();
        Map<String, Integer> inPeriod = new HashMap<>();
        for (Booked b : booked) {
            String cell = h3.latLngToCellAddress(b.lat(), b.lng(), RESOLUTION);
            inPeriod.merge(cell, 1, Integer::sum);
            if (b.at().getDayOfWeek() == day && b.at().getHour() == h) {
                byCell.computeIfAbsent(cell, c -> new ArrayList<>()).add(b);
            }
        }
        List<Area> areas = new ArrayList<>();
        byCell.forEach((cell, list) -> {
            if (inPeriod.get(cell) < MIN_ERRANDS) {
                return;
            }
            LatLng middle = h3.cellToLatLng(cell);
            Map<String, Integer> pickups = new HashMap<>();
            list.forEach(b -> pickups.merge(b.pickup(), 1, Integer::sum));
            String near = pickups.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
            List<List<Double>> boundary = h3.cellToBoundary(cell).stream().map(c -> List.of(c.lat, c.lng)).toList();
            long[] duty = onDuty.getOrDefault(cell, new long[2]);
            long paid = list.stream().filter(Booked::delivered).mapToLong(Booked::pay).sum();
            Money earned = duty[0] >= 3600 && duty[1] >= MIN_COURIERS ? Money.euros(Math.round(paid * 3600.0 / duty[0])) : null;
            areas.add(new Area(cell, middle.lat, middle.lng, near, round((double) list.size() / WEEKS), earned, boundary));
        });
        areas.sort(Comparator.comparingDouble(Area::errandsPerWeek).reversed().thenComparing(Area::near));

        long[] errands = new long[24];
        long[] pay = new long[24];
        for (Booked b : booked) {
            if (b.at().getDayOfWeek() == day) {
                errands[b.at().getHour()]++;
                if (b.delivered()) {
                    pay[b.at().getHour()] += b.pay();
                }
            }
        }
        double[] dutySeconds = new double[24];
        List<Set<Long>> couriers = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            couriers.add(new HashSet<>());
        }
        jdbc.sql("""
                        SELECT worker_id, started_at, ended_at FROM courier_duty_session WHERE started_at < ? AND COALESCE(ended_at, ?) > ?
                          AND worker_id NOT IN (SELECT id FROM account WHERE plays_in IS NOT NULL)""")
                .params(Sql.ts(to), Sql.ts(to), Sql.ts(from))
                .query(rs -> {
                    Instant start = Sql.instant(rs, "started_at");
                    Instant end = rs.getTimestamp("ended_at") == null ? to : Sql.instant(rs, "ended_at");
                    start = start.isBefore(from) ? from : start;
                    ZonedDateTime t = start.atZone(zone);
                    while (t.toInstant().isBefore(end)) {
                        ZonedDateTime next = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
                        Instant until = next.toInstant().isBefore(end) ? next.toInstant() : end;
                        if (t.getDayOfWeek() == day) {
                            dutySeconds[t.getHour()] += Duration.between(t.toInstant(), until).getSeconds();
                            couriers.get(t.getHour()).add(rs.getLong("worker_id"));
                        }
                        t = next;
                    }
                });
        List<Hour> hours = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            boolean enough = couriers.get(i).size() >= MIN_COURIERS && dutySeconds[i] >= 3600;
            hours.add(new Hour(i, round((double) errands[i] / WEEKS), enough ? Money.euros(Math.round(pay[i] * 3600 / dutySeconds[i])) : null));
        }
        return new Picture(day, h, WEEKS, areas.size() > 10 ? areas.subList(0, 10) : areas, hours);
    }

    /** How long a gap between two positions still counts as time on duty where the first was (as silent duty does). */
    static final Duration GAP = Duration.ofMinutes(30);

    /** A courier's position and when it came. */
    record Spot(double latitude, double longitude, Instant at) {
    }

    /**
     * Adds a courier's time on duty to the aggregates: from their previous position (null: none since they went on duty) to
     * the next one (null: going off duty now), to the area and hour the previous one was in; and counts an arrival when the
     * next is in another area or hour. Nothing of who it was is kept.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    void tally(Spot previous, Spot next) {
        Instant until = next != null ? next.at() : clock.instant();
        if (previous != null) {
            Duration gap = Duration.between(previous.at(), until);
            long seconds = Math.min(GAP.getSeconds(), Math.max(0, gap.getSeconds()));
            if (seconds > 0) {
                add(cellOf(previous), hourOf(previous.at()), seconds, 0);
            }
        }
        if (next != null && (previous == null || !cellOf(previous).equals(cellOf(next)) || !hourOf(previous.at()).equals(hourOf(next.at())))) {
            add(cellOf(next), hourOf(next.at()), 0, 1);
        }
    }

    private String cellOf(Spot s) {
        return h3.latLngToCellAddress(s.latitude(), s.longitude(), RESOLUTION);
    }

    private Instant hourOf(Instant at) {
        return at.atZone(zone).truncatedTo(ChronoUnit.HOURS).toInstant();
    }

    private void add(String cell, Instant hour, long seconds, int arrivals) {
        String update = "UPDATE demand_duty SET seconds = seconds + ?, couriers = couriers + ? WHERE cell = ? AND hour_start = ?";
        if (jdbc.sql(update).params(seconds, arrivals, cell, Sql.ts(hour)).update() == 0
                && jdbc.sql("INSERT INTO demand_duty (cell, hour_start, seconds, couriers) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(cell, Sql.ts(hour), seconds, arrivals).update() == 0) {
            jdbc.sql(update).params(seconds, arrivals, cell, Sql.ts(hour)).update();   // another courier's row came first
        }
    }

    /** Forgets aggregates older than twice the weeks shown. */
    @Transactional
    public int deleteOld() {
        return jdbc.sql("DELETE FROM demand_duty WHERE hour_start < ?").param(Sql.ts(clock.instant().minus(Duration.ofDays(14L * WEEKS)))).update();
    }

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }
}
