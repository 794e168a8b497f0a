package org.polder.demo;

import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.address.Addresses;
import org.polder.home.Bookings;
import org.polder.home.HomeProfile;
import org.polder.home.HomeProfiles;
import org.polder.ledger.Funding;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Help at home in the demo: Noor's household in Utrecht has weekly cleaning on Tuesday mornings, which Dewi takes,
 * and has asked for moving help on Saturday, still open; Dewi offers cleaning and odd jobs around Utrecht on weekdays,
 * with Bram as her safety contact.
 */
@Component
class DemoHome {

    static final String HOUSEHOLD_USER = "noor";
    private static final String HOME = "Oudegracht 200, 3511 NR Utrecht";
    private static final double LAT = 52.0894;
    private static final double LNG = 5.1206;

    private final Accounts accounts;
    private final Funding funding;
    private final Addresses addresses;
    private final HomeProfiles profiles;
    private final Bookings bookings;
    private final Clock clock;

    DemoHome(Accounts accounts, Funding funding, Addresses addresses, HomeProfiles profiles, Bookings bookings, Clock clock) {
        this.accounts = accounts;
        this.funding = funding;
        this.addresses = addresses;
        this.profiles = profiles;
        this.bookings = bookings;
        this.clock = clock;
    }

    /** The household's organisation, made before its account. */
    long household() {
        return accounts.createHousehold("Noor de Vries", HOUSEHOLD_USER);
    }

    void seed(CurrentUser admin, ZoneId zone) {
        CurrentUser noor = accounts.byUsername(HOUSEHOLD_USER).orElseThrow();
        funding.fund(admin.id(), noor.organisationId(), 100_000, "Demo funds");
        addresses.save(noor, "Home", HOME, LAT, LNG, Locale.ENGLISH);
        CurrentUser dewi = accounts.byUsername("dewi").orElseThrow();
        List<HomeProfile.WeeklySlot> weekdays = IntStream.rangeClosed(1, 6).mapToObj(d -> new HomeProfile.WeeklySlot(d, 8 * 60, 18 * 60)).toList();
        profiles.set(dewi, new HomeProfiles.HomeOffer(List.of("CLEANING", "ODD_JOBS", "MOVING"), "Utrecht Centraal", 52.0894, 5.1100, 12, weekdays,
                null, null, null, "bram"), Locale.ENGLISH);
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        LocalDate tuesday = today.with(TemporalAdjusters.next(DayOfWeek.TUESDAY));
        var cleaning = bookings.book(noor, new Bookings.BookingSpec("CLEANING", HOME, LAT, LNG, tuesday.atTime(9, 30).atZone(zone).toInstant(),
                180, 1650L, "Kitchen, bathroom and the floors downstairs; change the beds upstairs", "A shy cat, Pim", true, true, true),
                Locale.ENGLISH);
        bookings.take(dewi, cleaning.id());
        LocalDate saturday = today.with(TemporalAdjusters.next(DayOfWeek.SATURDAY));
        bookings.book(noor, new Bookings.BookingSpec("MOVING", HOME, LAT, LNG, saturday.atTime(10, 0).atZone(zone).toInstant(), 240, 1800L,
                "Carry boxes and a sofa from the second floor to a van", null, true, false, false), Locale.ENGLISH);
    }
}
