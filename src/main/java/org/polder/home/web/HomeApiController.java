package org.polder.home.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.address.Addresses;
import org.polder.home.Booking;
import org.polder.home.Bookings;
import org.polder.home.HomeProfile;
import org.polder.home.HomeProfiles;
import org.polder.home.HouseholdStatements;
import org.polder.home.Visit;
import org.polder.home.Visits;
import org.polder.idempotency.Idempotency;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Home services", description = "Help at home: households book cleaning, care help, odd jobs or moving help, once or weekly; "
        + "workers offer services, take bookings, check in, raise the alarm and check out")
class HomeApiController {

    private final Bookings bookings;
    private final Visits visits;
    private final HomeProfiles profiles;
    private final HouseholdStatements statements;
    private final Idempotency idempotency;

    HomeApiController(Bookings bookings, Visits visits, HomeProfiles profiles, HouseholdStatements statements,
                      Idempotency idempotency) {
        this.bookings = bookings;
        this.visits = visits;
        this.profiles = profiles;
        this.statements = statements;
        this.idempotency = idempotency;
    }

    // Households

    record HomeAddress(String address, Double latitude, Double longitude) {
    }

    @PutMapping("/household/home")
    @Operation(summary = "Save your home's address (found by search, or with coordinates); bookings without an address use it")
    Addresses.Saved saveHome(@AuthenticationPrincipal CurrentUser user, @RequestBody HomeAddress home, Locale locale) {
        return bookings.saveHome(user, home.address(), home.latitude(), home.longitude(), locale);
    }

    @PostMapping("/household/bookings")
    @Operation(summary = "Book a visit, or the same visit every week (weekly); the visits planned ahead are paid into escrow at once. "
            + "hourlyRate in cents, at least the floor; holiday pay comes on top. Honours Idempotency-Key.")
    ResponseEntity<Booking> book(@AuthenticationPrincipal CurrentUser user, @RequestBody Bookings.BookingSpec spec, Locale locale,
                                 @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        return idempotency.run(user.id(), key, Idempotency.fingerprint("home-booking", spec), Booking.class,
                () -> ResponseEntity.status(HttpStatus.CREATED).body(bookings.book(user, spec, locale)));
    }

    @GetMapping("/household/bookings")
    @Operation(summary = "Your household's bookings, latest first")
    List<Booking> myBookings(@AuthenticationPrincipal CurrentUser user) {
        return bookings.ofHousehold(user);
    }

    record BookingWithVisits(Booking booking, List<Visit> visits, List<String> fourDayWeeks) {
    }

    @GetMapping("/household/bookings/{id}")
    @Operation(summary = "One of your bookings with its visits, and the weeks its worker would come on four days or more")
    BookingWithVisits booking(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        Booking b = bookings.ofHousehold(user, id);
        return new BookingWithVisits(b, bookings.visits(id), b.workerId() == null ? List.of() : bookings.fourDayWeeks(b.organisationId(), b.workerId()));
    }

    record HomeReason(String reason) {
    }

    @PostMapping("/household/visits/{id}/cancel")
    @Operation(summary = "Cancel one visit; less than 24 hours ahead its worker is paid a share. Honours Idempotency-Key.")
    ResponseEntity<Visit> cancel(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody(required = false) HomeReason reason,
                                 @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        String why = reason == null ? null : reason.reason();
        return idempotency.run(user.id(), key, Idempotency.fingerprint("home-cancel", id, why), Visit.class,
                () -> ResponseEntity.ok(bookings.cancelVisit(user, id, why)));
    }

    record HomePause(LocalDate from, LocalDate until) {
    }

    @PostMapping("/household/bookings/{id}/pause")
    @Operation(summary = "HomePause a weekly booking from one day to another (a holiday): the visits in between are skipped and their escrow comes back")
    List<Visit> pause(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody HomePause pause) {
        return bookings.pause(user, id, pause.from(), pause.until());
    }

    @PostMapping("/household/bookings/{id}/end")
    @Operation(summary = "End a weekly booking with notice: the visits of the notice weeks still take place")
    Booking endAsHousehold(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody HomeReason reason) {
        user.require(Role.REQUESTER);
        return bookings.endBooking(user, id, reason.reason());
    }

    @PostMapping("/household/visits/{id}/confirm")
    @Operation(summary = "Confirm the hours of a visit: the worker is paid (pay and holiday pay), and what the escrow held beyond it comes back. "
            + "Honours Idempotency-Key.")
    ResponseEntity<Visit> confirm(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                  @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        return idempotency.run(user.id(), key, Idempotency.fingerprint("home-confirm", id), Visit.class,
                () -> ResponseEntity.ok(visits.confirm(user, id)));
    }

    record HoursQuestion(Integer minutes, String reason) {
    }

    @PostMapping("/household/visits/{id}/question")
    @Operation(summary = "Question the hours of a visit: fewer minutes than the worker gave, and why; the worker accepts them or appeals to a moderator")
    Visit question(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody HoursQuestion q) {
        return visits.question(user, id, q.minutes(), q.reason());
    }

    @GetMapping("/household/statement")
    @Operation(summary = "Your statement for a year (or one month of it) under the household services rule: hours, pay, holiday pay, no VAT; "
            + "and any week in which a worker came on four days or more")
    HouseholdStatements.HouseholdStatement statement(@AuthenticationPrincipal CurrentUser user, @RequestParam int year,
                                            @RequestParam(required = false) Integer month) {
        return statements.of(user, year, month);
    }

    // Workers

    @GetMapping("/me/home-offer")
    @Operation(summary = "What you offer in homes: services, area, weekly availability, safety contact (404 until you set it)")
    ResponseEntity<HomeProfile> offer(@AuthenticationPrincipal CurrentUser user) {
        return ResponseEntity.of(profiles.of(user));
    }

    @PutMapping("/me/home-offer")
    @Operation(summary = "Set what you offer in homes, all at once: services, the place you start from and how far you go, "
            + "your weekly availability (day 1 Monday to 7 Sunday, local minutes), and the person your alarm reaches")
    HomeProfile setOffer(@AuthenticationPrincipal CurrentUser user, @RequestBody HomeProfiles.HomeOffer offer, Locale locale) {
        return profiles.set(user, offer, locale);
    }

    @GetMapping("/home/openings")
    @Operation(summary = "Open bookings that fit your offer, nearest first, with the household's record; the exact address is yours once you take one")
    List<Bookings.Opening> openings(@AuthenticationPrincipal CurrentUser user) {
        return bookings.open(user);
    }

    @GetMapping("/home/openings/{id}")
    @Operation(summary = "One open booking, with the household's record")
    Bookings.Opening opening(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return bookings.opening(user, id);
    }

    @PostMapping("/home/bookings/{id}/take")
    @Operation(summary = "Take an open booking: every planned visit is yours, and you read the address")
    Booking take(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return bookings.take(user, id);
    }

    @PostMapping("/me/home-bookings/{id}/end")
    @Operation(summary = "End a weekly booking you take, with notice: the visits of the notice weeks still take place")
    Booking endAsWorker(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody HomeReason reason) {
        user.require(Role.WORKER);
        return bookings.endBooking(user, id, reason.reason());
    }

    @GetMapping("/me/visits")
    @Operation(summary = "Your visits to homes: those to come first")
    List<Visits.Planned> myVisits(@AuthenticationPrincipal CurrentUser user) {
        return visits.mine(user);
    }

    @PostMapping("/me/visits/{id}/give-back")
    @Operation(summary = "You cannot come to this visit (ill, a clash): it is cancelled at no cost to the household, who is told your reason; "
            + "never held against you")
    Visit giveBack(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody HomeReason reason) {
        user.require(Role.WORKER);
        return bookings.giveBack(user, id, reason.reason());
    }

    @PostMapping("/me/visits/{id}/accept-hours")
    @Operation(summary = "Accept the hours the household gave for a visit: you are paid for those (or appeal the decision at /api/v1/decisions/{id}/appeal)")
    Visit acceptHours(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return visits.acceptQuestion(user, id);
    }

    @PostMapping("/me/visits/{id}/check-in")
    @Operation(summary = "Check in at the address, with your position (checked once; only that you were there is kept)")
    Visit checkIn(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody Visits.VisitPosition position) {
        return visits.checkIn(user, id, position);
    }

    @PostMapping("/me/visits/{id}/alarm")
    @Operation(summary = "Raise the alarm: your safety contact and the moderators are told where you are")
    Visits.Alarm alarm(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return visits.alarm(user, id);
    }

    record VisitCheckOut(Integer minutes, Boolean feltSafe, String whatHappened) {
    }

    @PostMapping("/me/visits/{id}/check-out")
    @Operation(summary = "Check out: the minutes worked (at most those booked) and whether all was well; if not, what happened goes to a moderator")
    Visit checkOut(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody VisitCheckOut out) {
        return visits.checkOut(user, id, out.minutes(), out.feltSafe(), out.whatHappened());
    }

    // Moderators

    @PostMapping("/moderation/households/{id}/close")
    @Operation(summary = "Close home services to a household that harassed workers, with the reason it reads (moderators only)")
    ResponseEntity<Void> close(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody HomeReason reason) {
        bookings.closeHousehold(user, id, reason.reason());
        return ResponseEntity.noContent().build();
    }
}
