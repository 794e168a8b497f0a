package org.polder.work;

import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Collective agreements on minimum hourly rates (RIGHTS.md R7, R11): per kind of work, or for every kind, and for shifts
 * per role (matched by the role's name, whatever its case). A representative body proposes one (who may is checked by
 * the voice module); it binds once the platform signs it, on the days it is valid. {@link PayFloor#minimumFor} gives the
 * highest minimum that applies, beside the platform's floor.
 */
@Service
public class CollectiveAgreements {

    public enum State { PROPOSED, IN_FORCE }

    /** An agreement; {@code kind} null covers every kind, {@code role} null every role. */
    public record Agreement(long id, String name, String party, WorkKind kind, String role, long hourlyMinimumCents, LocalDate validFrom,
                            LocalDate validUntil, State state, Instant proposedAt, Instant signedAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ZoneId zone;

    CollectiveAgreements(JdbcClient jdbc, Clock clock, @Value("${polder.display-zone:Europe/Amsterdam}") String zone) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    /** Records a proposal by a body the caller has checked; the terms are checked here. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Agreement propose(String party, long proposedBy, String name, String kind, String role, Long hourlyMinimumCents,
                             LocalDate validFrom, LocalDate validUntil, long platformFloorCents) {
        String n = name == null ? "" : name.strip();
        if (n.length() < 3 || n.length() > 200) {
            throw DomainException.invalid("name: name the agreement (3 to 200 characters)").code("problem.agreement.name");
        }
        WorkKind k = null;
        if (kind != null && !kind.isBlank()) {
            try {
                k = WorkKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid("kind: one of MICROTASK, SHIFT, ERRAND, or none for every kind").code("problem.agreement.kind");
            }
        }
        String r = role == null || role.isBlank() ? null : role.strip();
        if (r != null && (r.length() > 100 || k != WorkKind.SHIFT)) {
            throw DomainException.invalid("role: a shift role's name (at most 100 characters), for an agreement on shifts").code("problem.agreement.role");
        }
        if (hourlyMinimumCents == null || hourlyMinimumCents <= platformFloorCents || hourlyMinimumCents > 100_000) {
            throw DomainException.invalid("hourlyMinimumCents: above the platform's floor of " + platformFloorCents + " cents an hour (at most 100000)")
                    .code("problem.agreement.minimum", String.format(Locale.ROOT, "%d.%02d", platformFloorCents / 100, platformFloorCents % 100));
        }
        LocalDate today = today();
        if (validFrom == null || validFrom.isBefore(today) || (validUntil != null && !validUntil.isAfter(validFrom))) {
            throw DomainException.invalid("validFrom, validUntil: a first day from today on, and a last day after it (or none)")
                    .code("problem.agreement.dates");
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO collective_agreement (name, party, kind, role, hourly_minimum_cents, valid_from, valid_until, state, proposed_by, proposed_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'PROPOSED', ?, ?)""")
                .params(n, party, k == null ? null : k.name(), r, hourlyMinimumCents, validFrom, validUntil, proposedBy, Sql.ts(clock.instant()))
                .update(key, "id");
        return get(key.getKey().longValue());
    }

    /** The platform signs a proposal: it binds from its first day. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Agreement sign(long id, long signedBy) {
        if (jdbc.sql("UPDATE collective_agreement SET state = 'IN_FORCE', signed_by = ?, signed_at = ? WHERE id = ? AND state = 'PROPOSED'")
                .params(signedBy, Sql.ts(clock.instant()), id).update() == 0) {
            get(id);
            throw DomainException.conflict("Agreement " + id + " is signed already").code("problem.agreement.signed");
        }
        return get(id);
    }

    @Transactional(readOnly = true)
    public Agreement get(long id) {
        return jdbc.sql("SELECT * FROM collective_agreement WHERE id = ?").param(id).query(CollectiveAgreements::map).optional()
                .orElseThrow(() -> new NotFoundException("Agreement", id));
    }

    /** Every agreement: proposals and those in force, newest first. */
    @Transactional(readOnly = true)
    public List<Agreement> list() {
        return jdbc.sql("SELECT * FROM collective_agreement ORDER BY id DESC LIMIT 200").query(CollectiveAgreements::map).list();
    }

    /** The signed agreement with the highest minimum for this kind (and shift role) today, if any. */
    @Transactional(readOnly = true)
    public Optional<Agreement> highest(WorkKind kind, String role) {
        LocalDate today = today();
        return jdbc.sql("""
                        SELECT * FROM collective_agreement WHERE state = 'IN_FORCE' AND (kind IS NULL OR kind = ?)
                        AND (role IS NULL OR LOWER(role) = LOWER(?)) AND valid_from <= ? AND (valid_until IS NULL OR valid_until >= ?)
                        ORDER BY hourly_minimum_cents DESC, id LIMIT 1""")
                .params(kind.name(), role == null ? "" : role.strip(), today, today).query(CollectiveAgreements::map).optional();
    }

    private LocalDate today() {
        return clock.instant().atZone(zone).toLocalDate();
    }

    private static Agreement map(ResultSet rs, int n) throws SQLException {
        String kind = rs.getString("kind");
        return new Agreement(rs.getLong("id"), rs.getString("name"), rs.getString("party"), kind == null ? null : WorkKind.valueOf(kind),
                rs.getString("role"), rs.getLong("hourly_minimum_cents"), rs.getObject("valid_from", LocalDate.class),
                rs.getObject("valid_until", LocalDate.class), State.valueOf(rs.getString("state")), Sql.instant(rs, "proposed_at"),
                Sql.instant(rs, "signed_at"));
    }
}
