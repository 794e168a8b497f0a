package org.polder.errand;

import org.polder.errand.internal.PricingVersions;
import org.polder.common.DomainException;
import org.polder.common.Geo;
import org.polder.ledger.Fees;
import org.polder.work.PayFloor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Prices errands by the platform's current rules, shown to the requester before booking. The price is
 * the courier's pay; it is never less than the hourly floor for the errand's estimated time (RIGHTS.md R7).
 * The platform's fee comes on top.
 */
@Service
public class Pricing {

    /** Distances are straight lines; at a courier's city speed the trip takes this long, plus the handling time. */
    static final double KM_PER_HOUR = 15;
    static final int HANDLING_MINUTES = 10;
    static final double MAX_KM = 50;
    public static final String RULE = "errand.pricing";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final PayFloor floor;
    private final Fees fees;
    private final ZoneId zone;
    private final PricingVersions versions;

    Pricing(PricingVersions versions, JdbcClient jdbc, JsonMapper json, PayFloor floor, Fees fees,
            @Value("${polder.display-zone:Europe/Amsterdam}") String zone) {
        this.versions = versions;
        this.jdbc = jdbc;
        this.json = json;
        this.floor = floor;
        this.fees = fees;
        this.zone = ZoneId.of(zone);
    }

    /** The rules in force and their version. */
    public record Version(long version, PricingRules rules, Instant since) {
    }

    @Transactional(readOnly = true)
    public Version current() {
        PricingVersions.Stored v = versions.current();
        return new Version(v.version(), v.rules(), v.since());
    }

    /** The rules an errand was priced by. */
    @Transactional(readOnly = true)
    public PricingRules rulesOf(Errand e) {
        return jdbc.sql("SELECT rules FROM errand_pricing WHERE version = ?").param(e.pricingVersion())
                .query((rs, n) -> json.readValue(rs.getString(1), PricingRules.class)).single();
    }

    /** One line of a price: what it is for ({@code base}, {@code distance}, {@code zone}, {@code time}, {@code floor}), a detail, and the amount. */
    public record Line(String kind, String detail, long cents) {
    }

    /** A price before booking. {@code pay} goes to the courier, {@code fee} to the platform; {@code total} is what the requester pays. */
    public record Quote(double distanceKm, int minutes, List<Line> lines, long pay, long fee, long total, long pricingVersion,
                        int cancelPercent) {
    }

    @org.polder.common.Automated(RULE)
    public Quote quote(Place pickup, Place dropoff, Instant windowStart) {
        return quote(current(), pickup, dropoff, windowStart);
    }

    Quote quote(Version version, Place pickup, Place dropoff, Instant windowStart) {
        PricingRules r = version.rules();
        double km = Geo.km(pickup.latitude(), pickup.longitude(), dropoff.latitude(), dropoff.longitude());
        if (km > MAX_KM) {
            throw DomainException.invalid("dropoff: at most " + (int) MAX_KM + " km from the pickup in a straight line, was " + Math.round(km) + " km")
                    .code("problem.errand.tooFar", (int) MAX_KM, Math.round(km));
        }
        double roundedKm = Math.round(km * 10) / 10.0;
        int minutes = (int) Math.ceil(km / KM_PER_HOUR * 60) + HANDLING_MINUTES;
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("base", "", r.baseCents()));
        lines.add(new Line("distance", roundedKm + " km", Math.round(r.perKmCents() * roundedKm)));
        for (PricingRules.Zone z : r.zones()) {
            if (z.surchargeCents() > 0 && (z.contains(pickup.latitude(), pickup.longitude()) || z.contains(dropoff.latitude(), dropoff.longitude()))) {
                lines.add(new Line("zone", z.name(), z.surchargeCents()));
            }
        }
        long subtotal = lines.stream().mapToLong(Line::cents).sum();
        LocalTime local = windowStart.atZone(zone).toLocalTime();
        for (PricingRules.TimeBand t : r.times()) {
            if (t.covers(local)) {
                lines.add(new Line("time", t.from() + "-" + t.to() + " " + (t.percent() >= 0 ? "+" : "") + t.percent() + "%",
                        Math.round(subtotal * t.percent() / 100.0)));
            }
        }
        long pay = Math.max(0, lines.stream().mapToLong(Line::cents).sum());
        long lowest = PayFloor.lowestReward(floor.hourlyCents(), minutes * 60L);
        if (pay < lowest) {
            lines.add(new Line("floor", minutes + " min", lowest - pay));
            pay = lowest;
        }
        // A collective agreement in force for errands sets more than the floor: the courier is paid at least its rate.
        PayFloor.Minimum agreed = floor.minimumFor(org.polder.work.WorkKind.ERRAND, null);
        long lowestAgreed = PayFloor.lowestReward(agreed.hourlyCents(), minutes * 60L);
        if (agreed.agreement() != null && pay < lowestAgreed) {
            lines.add(new Line("agreement", agreed.agreement().name(), lowestAgreed - pay));
            pay = lowestAgreed;
        }
        long fee = fees.feeFor(pay);
        return new Quote(roundedKm, minutes, List.copyOf(lines), pay, fee, pay + fee, version.version(), r.cancelPercent());
    }

    String linesJson(List<Line> lines) {
        return json.writeValueAsString(lines);
    }

    public List<Line> lines(String text) {
        try {
            return List.of(json.readValue(text, Line[].class));
        } catch (JacksonException e) {
            throw new IllegalStateException("Stored price lines are not readable", e);
        }
    }

    /** The zones (with a guaranteed hourly minimum) that contain the point. */
    List<PricingRules.Zone> zonesAt(double latitude, double longitude) {
        return current().rules().zones().stream().filter(z -> z.contains(latitude, longitude)).toList();
    }
}
