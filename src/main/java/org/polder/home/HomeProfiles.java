package org.polder.home;

import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.address.Addresses;
import org.polder.address.Found;
import org.polder.common.DomainException;
import org.polder.common.Sql;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** A worker's offer of home services: what, where, when, and their safety contact. Only the worker reads or changes it. */
@Service
public class HomeProfiles {

    static final int MAX_KM = 100;
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()-]{6,20}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final JdbcClient jdbc;
    private final Addresses addresses;
    private final Trail trail;
    private final Clock clock;

    HomeProfiles(JdbcClient jdbc, Addresses addresses, Trail trail, Clock clock) {
        this.jdbc = jdbc;
        this.addresses = addresses;
        this.trail = trail;
        this.clock = clock;
    }

    /** What a worker sends: services, the place they start from (an address, or coordinates), how far, when, their contact. */
    public record HomeOffer(List<String> services, String area, Double latitude, Double longitude, Integer areaKm, List<HomeProfile.WeeklySlot> availability,
                        String contactName, String contactPhone, String contactEmail, String contactUsername) {
    }

    @Transactional(readOnly = true)
    public Optional<HomeProfile> of(CurrentUser worker) {
        return find(worker.require(Role.WORKER).id());
    }

    @Transactional(readOnly = true)
    Optional<HomeProfile> find(long workerId) {
        List<HomeProfile.WeeklySlot> slots = jdbc.sql("SELECT day_of_week, from_minute, until_minute FROM home_availability WHERE worker_id = ? ORDER BY day_of_week, from_minute")
                .param(workerId).query((rs, n) -> new HomeProfile.WeeklySlot(rs.getInt(1), rs.getInt(2), rs.getInt(3))).list();
        return jdbc.sql("SELECT w.*, a.username FROM home_worker w LEFT JOIN account a ON a.id = w.contact_account_id WHERE w.worker_id = ?")
                .param(workerId)
                .query((rs, n) -> new HomeProfile(workerId,
                        Arrays.stream(rs.getString("services").split(",")).filter(s -> !s.isBlank()).map(HomeService::valueOf).toList(),
                        rs.getString("area_address"), rs.getDouble("area_latitude"), rs.getDouble("area_longitude"), rs.getInt("area_km"), slots,
                        new HomeProfile.SafetyContact(rs.getString("contact_name"), rs.getString("contact_phone"), rs.getString("contact_email"),
                                Sql.longOrNull(rs, "contact_account_id"), rs.getString("username"))))
                .optional();
    }

    /** Sets the worker's offer, all of it at once; bad input names the field and changes nothing. */
    @Transactional
    public HomeProfile set(CurrentUser worker, HomeOffer o, Locale locale) {
        worker.require(Role.WORKER);
        if (o.services() == null || o.services().isEmpty()) {
            throw DomainException.invalid("services: choose at least one service you offer").code("problem.home.noServices");
        }
        List<HomeService> services = o.services().stream().map(s -> HomeService.parse("services", s)).distinct().toList();
        int km = o.areaKm() == null ? 10 : o.areaKm();
        if (km < 1 || km > MAX_KM) {
            throw DomainException.invalid("areaKm: from 1 to " + MAX_KM + " km").code("problem.home.areaKm", MAX_KM);
        }
        Found place = addresses.locate("area", o.area(), o.latitude(), o.longitude(), null, locale);
        List<HomeProfile.WeeklySlot> slots = o.availability() == null ? List.of() : o.availability();
        if (slots.isEmpty()) {
            throw DomainException.invalid("availability: give at least one time of the week you are available").code("problem.home.noAvailability");
        }
        List<HomeProfile.WeeklySlot> checked = new ArrayList<>();
        for (HomeProfile.WeeklySlot s : slots) {
            if (s == null || s.dayOfWeek() < 1 || s.dayOfWeek() > 7 || s.fromMinute() < 0 || s.untilMinute() > 24 * 60
                    || s.untilMinute() - s.fromMinute() < 60) {
                throw DomainException.invalid("availability: each time is a day from 1 (Monday) to 7 (Sunday) and at least an hour within that day")
                        .code("problem.home.slot");
            }
            if (checked.stream().anyMatch(c -> c.dayOfWeek() == s.dayOfWeek() && c.fromMinute() < s.untilMinute() && s.fromMinute() < c.untilMinute())) {
                throw DomainException.invalid("availability: two times overlap on day " + s.dayOfWeek()).code("problem.home.slotOverlap");
            }
            checked.add(s);
        }
        HomeProfile.SafetyContact contact = contact(worker, o);
        jdbc.sql("DELETE FROM home_availability WHERE worker_id = ?").param(worker.id()).update();
        jdbc.sql("DELETE FROM home_worker WHERE worker_id = ?").param(worker.id()).update();
        jdbc.sql("""
                        INSERT INTO home_worker (worker_id, services, area_address, area_latitude, area_longitude, area_km,
                                                 contact_name, contact_phone, contact_email, contact_account_id, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(worker.id(), String.join(",", services.stream().map(Enum::name).toList()), place.address(), place.latitude(),
                        place.longitude(), km, contact.name(), contact.phone(), contact.email(), contact.accountId(), Sql.ts(clock.instant()))
                .update();
        for (HomeProfile.WeeklySlot s : checked) {
            jdbc.sql("INSERT INTO home_availability (worker_id, day_of_week, from_minute, until_minute) VALUES (?, ?, ?, ?)")
                    .params(worker.id(), s.dayOfWeek(), s.fromMinute(), s.untilMinute()).update();
        }
        trail.record(TrailEntry.of("HOME_OFFER_SET").aboutWorker(worker.id()).by(worker.id())
                .with("services", services.stream().map(Enum::name).toList()).with("areaKm", km).with("times", checked.size())
                .with("contactSet", contact.isSet()));
        return find(worker.id()).orElseThrow();
    }

    private HomeProfile.SafetyContact contact(CurrentUser worker, HomeOffer o) {
        String username = blank(o.contactUsername());
        String name = blank(o.contactName());
        String phone = blank(o.contactPhone());
        String email = blank(o.contactEmail());
        if (username == null && name == null && phone == null && email == null) {
            throw DomainException.invalid("contact: name the person your alarm reaches: a Polder username, or a name with a phone number or e-mail address")
                    .code("problem.home.noContact");
        }
        Long account = null;
        if (username != null) {
            account = jdbc.sql("SELECT id FROM account WHERE username = ? AND plays_in IS NULL").param(username.toLowerCase(Locale.ROOT))
                    .query(Long.class).optional()
                    .orElseThrow(() -> DomainException.invalid("contactUsername: nobody on Polder has the username " + username)
                            .code("problem.home.contactUnknown", username));
            if (account == worker.id()) {
                throw DomainException.invalid("contactUsername: your contact is someone else").code("problem.home.contactSelf");
            }
        } else {
            if (name == null || name.length() > 200 || (phone == null && email == null)) {
                throw DomainException.invalid("contactName: a name, with a phone number or an e-mail address").code("problem.home.contactIncomplete");
            }
        }
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw DomainException.invalid("contactPhone: a phone number, such as +31 6 1234 5678").code("problem.home.phone");
        }
        if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            throw DomainException.invalid("contactEmail: an e-mail address, such as sam@example.org").code("problem.home.email");
        }
        return new HomeProfile.SafetyContact(name, phone, email, account, username);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
