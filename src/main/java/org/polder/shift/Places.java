package org.polder.shift;

import org.polder.account.CurrentUser;
import org.polder.address.Addresses;
import org.polder.address.Found;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.quality.Qualifications;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

/** A requester's locations and roles, the building blocks of a shift. Each organisation sees only its own. */
@Service
public class Places {

    private final JdbcClient jdbc;
    private final Qualifications qualifications;
    private final Clock clock;
    private final Addresses addresses;

    Places(Addresses addresses, JdbcClient jdbc, Qualifications qualifications, Clock clock) {
        this.addresses = addresses;
        this.jdbc = jdbc;
        this.qualifications = qualifications;
        this.clock = clock;
    }

    public record LocationSpec(String name, String address, Double latitude, Double longitude) {
    }

    public record RoleSpec(String name, String skills, Long qualificationId, Integer minShifts, String clothing, String briefing,
                           String contact) {
    }

    /**
     * The location with its place found: coordinates given are kept, an address alone is looked up. Call it
     * outside a transaction: the address service may take a moment.
     */
    public LocationSpec located(CurrentUser user, LocationSpec spec, Locale locale) {
        if (spec.address() == null || spec.address().isBlank() || (spec.latitude() != null && spec.longitude() != null)) {
            return spec;
        }
        Found f = addresses.locate("address", spec.address(), spec.latitude(), spec.longitude(), user.organisationId(), locale);
        return new LocationSpec(spec.name(), f.address(), f.latitude(), f.longitude());
    }

    @Transactional
    public Location addLocation(CurrentUser user, LocationSpec spec) {
        long org = user.require(Role.REQUESTER).organisation();
        String name = text("name", spec.name(), 1, 200);
        String address = text("address", spec.address(), 1, 500);
        if (spec.latitude() == null || spec.latitude() < -90 || spec.latitude() > 90) {
            throw DomainException.invalid("latitude: between -90 and 90 degrees, was " + spec.latitude()).code("problem.shift.latitude");
        }
        if (spec.longitude() == null || spec.longitude() < -180 || spec.longitude() > 180) {
            throw DomainException.invalid("longitude: between -180 and 180 degrees, was " + spec.longitude()).code("problem.shift.longitude");
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO shift_location (organisation_id, name, address, latitude, longitude, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(org, name, address, spec.latitude(), spec.longitude(), Sql.ts(clock.instant())).update(key, "id");
        return location(org, key.getKey().longValue());
    }

    @Transactional
    public ShiftRole addRole(CurrentUser user, RoleSpec spec) {
        long org = user.require(Role.REQUESTER).organisation();
        String name = text("name", spec.name(), 1, 100);
        int minShifts = spec.minShifts() == null ? 0 : spec.minShifts();
        if (minShifts < 0 || minShifts > 1000) {
            throw DomainException.invalid("minShifts: between 0 and 1000 shifts done, was " + minShifts);
        }
        if (spec.qualificationId() != null) {
            qualifications.ofOrganisation(spec.qualificationId(), org);   // 404 for another organisation's
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO shift_role (organisation_id, name, skills, qualification_id, min_shifts, clothing, briefing, contact, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(org, name, text("skills", spec.skills(), 0, 1000), spec.qualificationId(), minShifts,
                        text("clothing", spec.clothing(), 0, 500), text("briefing", spec.briefing(), 0, 4000),
                        text("contact", spec.contact(), 0, 200), Sql.ts(clock.instant()))
                .update(key, "id");
        return role(org, key.getKey().longValue());
    }

    @Transactional(readOnly = true)
    public List<Location> locations(CurrentUser user) {
        return jdbc.sql("SELECT * FROM shift_location WHERE organisation_id = ? ORDER BY name, id").param(user.require(Role.REQUESTER).organisation())
                .query((rs, n) -> mapLocation(rs)).list();
    }

    @Transactional(readOnly = true)
    public List<ShiftRole> roles(CurrentUser user) {
        return jdbc.sql("SELECT * FROM shift_role WHERE organisation_id = ? ORDER BY name, id").param(user.require(Role.REQUESTER).organisation())
                .query((rs, n) -> mapRole(rs)).list();
    }

    /** One of the organisation's locations; 404 for another organisation's. */
    Location location(long organisationId, long id) {
        return jdbc.sql("SELECT * FROM shift_location WHERE id = ? AND organisation_id = ?").params(id, organisationId)
                .query((rs, n) -> mapLocation(rs)).optional().orElseThrow(() -> new NotFoundException("Location", id));
    }

    /** One of the organisation's roles; 404 for another organisation's. */
    ShiftRole role(long organisationId, long id) {
        return jdbc.sql("SELECT * FROM shift_role WHERE id = ? AND organisation_id = ?").params(id, organisationId)
                .query((rs, n) -> mapRole(rs)).optional().orElseThrow(() -> new NotFoundException("Role", id));
    }

    ShiftRole role(long id) {
        return jdbc.sql("SELECT * FROM shift_role WHERE id = ?").param(id).query((rs, n) -> mapRole(rs)).single();
    }

    private static Location mapLocation(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Location(rs.getLong("id"), rs.getLong("organisation_id"), rs.getString("name"), rs.getString("address"),
                rs.getDouble("latitude"), rs.getDouble("longitude"));
    }

    private static ShiftRole mapRole(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ShiftRole(rs.getLong("id"), rs.getLong("organisation_id"), rs.getString("name"), rs.getString("skills"),
                Sql.longOrNull(rs, "qualification_id"), rs.getInt("min_shifts"), rs.getString("clothing"), rs.getString("briefing"),
                rs.getString("contact"));
    }

    static String text(String field, String value, int min, int max) {
        String v = value == null ? "" : value.strip();
        if (v.length() < min || v.length() > max) {
            throw DomainException.invalid(field + ": " + min + " to " + max + " characters, was " + v.length())
                    .code("problem.shift.text", field, min, max);
        }
        return v;
    }
}
