package org.polder.shift.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.polder.account.CurrentUser;
import org.polder.idempotency.Idempotency;
import org.polder.shift.Applicant;
import org.polder.shift.Application;
import org.polder.shift.Handover;
import org.polder.shift.Hours;
import org.polder.shift.Invoice;
import org.polder.shift.Invoices;
import org.polder.shift.Location;
import org.polder.shift.NoShow;
import org.polder.shift.NoShows;
import org.polder.shift.Places;
import org.polder.shift.Selection;
import org.polder.shift.Shift;
import org.polder.shift.ShiftHours;
import org.polder.shift.ShiftRole;
import org.polder.shift.Shifts;
import org.polder.shift.ShiftChanges;
import org.polder.shift.WorkerRating;
import org.polder.shift.WorkerRatings;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Shifts", description = "Shifts at a client's premises: post, apply, select, check in and out, hours, cancellation")
class ShiftApiController {

    private final Places places;
    private final Shifts shifts;
    private final org.polder.shift.ShiftChanges changes;
    private final Selection selection;
    private final Hours hours;
    private final Idempotency idempotency;
    private final Invoices invoices;
    private final NoShows noShows;
    private final WorkerRatings ratings;
    private final InvoicePdf invoicePdf;

    ShiftApiController(Places places, Shifts shifts, Selection selection, Hours hours, Idempotency idempotency, Invoices invoices,
                       InvoicePdf invoicePdf, NoShows noShows, WorkerRatings ratings, org.polder.shift.ShiftChanges changes) {
        this.changes = changes;
        this.ratings = ratings;
        this.noShows = noShows;
        this.invoices = invoices;
        this.invoicePdf = invoicePdf;
        this.places = places;
        this.shifts = shifts;
        this.selection = selection;
        this.hours = hours;
        this.idempotency = idempotency;
    }

    // Requesters: places and roles

    @PostMapping("/shift-locations")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a location where your shifts are worked: name and address; an address without latitude "
            + "and longitude is looked up")
    Location addLocation(@AuthenticationPrincipal CurrentUser user, @RequestBody Places.LocationSpec spec, java.util.Locale locale) {
        return places.addLocation(user, places.located(user, spec, locale));
    }

    @GetMapping("/shift-locations")
    @Operation(summary = "Your organisation's locations")
    List<Location> locations(@AuthenticationPrincipal CurrentUser user) {
        return places.locations(user);
    }

    @PostMapping("/shift-roles")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a role (bartender, cook, carer) with what it asks: skills, a qualification, shifts done, clothing, briefing, contact")
    ShiftRole addRole(@AuthenticationPrincipal CurrentUser user, @RequestBody Places.RoleSpec spec) {
        return places.addRole(user, spec);
    }

    @GetMapping("/shift-roles")
    @Operation(summary = "Your organisation's roles")
    List<ShiftRole> roles(@AuthenticationPrincipal CurrentUser user) {
        return places.roles(user);
    }

    // Requesters: shifts

    record Posted(List<Shift> shifts) {
    }

    @PostMapping("/shifts")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @Operation(summary = "Post a shift, or a weekly series (repeatWeeks); the escrow for the planned hours of every place is taken at once. Honours Idempotency-Key.")
    ResponseEntity<Posted> post(@AuthenticationPrincipal CurrentUser user, @RequestBody Shifts.ShiftSpec spec,
                                @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        return idempotency.run(user.id(), key, Idempotency.fingerprint("shift", spec), Posted.class,
                () -> ResponseEntity.status(HttpStatus.CREATED).body(new Posted(shifts.post(user, spec))));
    }

    @GetMapping("/shifts")
    @Operation(summary = "Your organisation's shifts, latest first")
    List<Shift> mine(@AuthenticationPrincipal CurrentUser user) {
        return shifts.ofOrganisation(user);
    }

    @GetMapping("/shifts/{id}")
    @Operation(summary = "A shift: your organisation's as a requester; an open one, or one you applied to, as a worker")
    Shift get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return user.has(org.polder.account.Role.REQUESTER) && user.organisationId() != null
                && shifts.ownedBy(user, id) ? shifts.ofOrganisation(user, id) : shifts.forWorker(user, id);
    }

    record CancelRequest(String reason) {
    }

    @PostMapping("/shifts/{id}/change")
    @Operation(summary = "Change a shift that has not begun (startsAt, endsAt, breakMinutes, headcount, hourlyRate, reason). A change that "
            + "worsens selected workers' terms (other times, less pay) waits for each one's answer; until all accepted or withdrew, the old terms stand.")
    ShiftChanges.Outcome change(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody ShiftChanges.Change change) {
        return changes.change(user, id, change);
    }

    @GetMapping("/shifts/{id}/change")
    @Operation(summary = "The change waiting for selected workers' answers, if any (the requester, or a selected worker)")
    ResponseEntity<ShiftChanges.Proposal> pendingChange(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return changes.pendingFor(user, id).map(ResponseEntity::ok).orElse(ResponseEntity.noContent().build());
    }

    @DeleteMapping("/shifts/{id}/change")
    @Operation(summary = "Withdraw a change still waiting for answers; the shift keeps its terms")
    ResponseEntity<Void> withdrawChange(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        changes.withdraw(user, id);
        return ResponseEntity.noContent().build();
    }

    record ChangeAnswer(boolean accept) {
    }

    @PostMapping("/me/shifts/{id}/change")
    @Operation(summary = "A selected worker answers a proposed change: accept it, or withdraw from the shift without it counting against you")
    ResponseEntity<ShiftChanges.Proposal> answerChange(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                                       @RequestBody ChangeAnswer answer) {
        return changes.answer(user, id, answer != null && answer.accept()).map(ResponseEntity::ok).orElse(ResponseEntity.noContent().build());
    }

    @PostMapping("/shifts/{id}/cancel")
    @Operation(summary = "Cancel a shift that has not begun: inside its cancellation window every selected worker is paid compensation. Honours Idempotency-Key.")
    ResponseEntity<Shift> cancel(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody(required = false) CancelRequest request,
                                 @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        String reason = request == null ? null : request.reason();
        return idempotency.run(user.id(), key, Idempotency.fingerprint("cancel-shift", id, reason), Shift.class,
                () -> ResponseEntity.ok(shifts.cancel(user, id, reason)));
    }

    @GetMapping("/shifts/{id}/applicants")
    @Operation(summary = "A shift's applicants with their record: shifts done, attendance, punctuality, qualifications")
    List<Applicant> applicants(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return selection.applicants(user, id);
    }

    @PostMapping("/shifts/{id}/applicants/{workerId}/select")
    @Operation(summary = "Select an applicant: checked against the working-time limits; a place is taken or 409")
    Application select(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable long workerId) {
        return selection.select(user, id, workerId);
    }

    @PostMapping("/shifts/{id}/applicants/{workerId}/waitlist")
    @Operation(summary = "Put an applicant on the waitlist: the first to get a place that comes free")
    Application waitlist(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable long workerId) {
        return selection.decide(user, id, workerId, Application.State.WAITLISTED);
    }

    @PostMapping("/shifts/{id}/applicants/{workerId}/decline")
    @Operation(summary = "Tell an applicant they were not selected")
    Application decline(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable long workerId) {
        return selection.decide(user, id, workerId, Application.State.NOT_SELECTED);
    }

    @GetMapping("/shifts/{id}/hours")
    @Operation(summary = "The hours of every worker on your shift")
    List<ShiftHours> shiftHours(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return hours.ofShift(user, id);
    }

    @GetMapping("/shift-pool")
    @Operation(summary = "Your organisation's pool of trusted workers")
    List<Selection.PoolMember> pool(@AuthenticationPrincipal CurrentUser user) {
        return selection.pool(user);
    }

    @PostMapping("/shift-pool/{workerId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Add a worker to your pool of trusted workers")
    void addToPool(@AuthenticationPrincipal CurrentUser user, @PathVariable long workerId) {
        selection.addToPool(user, workerId);
    }

    @DeleteMapping("/shift-pool/{workerId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a worker from your pool")
    void removeFromPool(@AuthenticationPrincipal CurrentUser user, @PathVariable long workerId) {
        selection.removeFromPool(user, workerId);
    }

    @PostMapping("/shift-assignments/{id}/hours/accept")
    @Operation(summary = "Accept the worker's hours: they are paid. Hours longer than planned are overtime, accepted only with "
            + "confirmOvertime=true and paid from your balance. Honours Idempotency-Key.")
    ResponseEntity<ShiftHours> accept(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                      @RequestParam(defaultValue = "false") boolean confirmOvertime,
                                      @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        return idempotency.run(user.id(), key, Idempotency.fingerprint("accept-hours", id, confirmOvertime), ShiftHours.class,
                () -> ResponseEntity.ok(hours.accept(user, id, confirmOvertime)));
    }

    record CounterRequest(Instant start, Instant end, Integer breakMinutes, String reason) {
    }

    @PostMapping("/shift-assignments/{id}/hours/counter")
    @Operation(summary = "Counter the worker's hours with other hours and a reason; the worker accepts or appeals")
    ShiftHours counter(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody CounterRequest request) {
        return hours.counter(user, id, new Hours.Times(request.start(), request.end(), request.breakMinutes()), request.reason());
    }

    // No-shows: reported by the requester, answered by the worker, decided by a moderator

    record NoShowReport(String note) {
    }

    @PostMapping("/shift-assignments/{id}/no-show")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Report that a selected worker did not come (from 15 minutes after the start); a moderator decides, never Polder")
    NoShow reportNoShow(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody(required = false) NoShowReport request) {
        return noShows.report(user, id, request == null ? null : request.note());
    }

    record NoShowStatement(String statement) {
    }

    @PostMapping("/me/shift-assignments/{id}/no-show/statement")
    @Operation(summary = "Tell your side of a no-show report about you, before the moderator decides")
    NoShow answerNoShow(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody(required = false) NoShowStatement request) {
        return noShows.respond(user, id, request == null ? null : request.statement());
    }

    @GetMapping("/moderation/no-shows")
    @Operation(summary = "No-show reports waiting for a moderator, oldest first")
    List<NoShows.Open> openNoShows(@AuthenticationPrincipal CurrentUser user) {
        return noShows.open(user);
    }

    record NoShowDecision(NoShow.State outcome, String reason) {
    }

    @PostMapping("/moderation/no-shows/{assignmentId}")
    @Operation(summary = "Decide a no-show report: CONFIRMED, EXCUSED or WORKED, with a reason the worker reads (and can appeal)")
    NoShow decideNoShow(@AuthenticationPrincipal CurrentUser user, @PathVariable long assignmentId, @RequestBody(required = false) NoShowDecision request) {
        return noShows.decide(user, assignmentId, request == null ? null : request.outcome(), request == null ? null : request.reason());
    }

    // Ratings of workers by clients (workers rate clients with POST /api/v1/assignments/{id}/rating)

    record RatingRequest(Integer stars, String comment) {
    }

    @PostMapping("/shift-assignments/{id}/worker-rating")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Rate the worker of a paid shift, 1 to 5 stars with an optional comment; the worker reads it and can contest it by appealing")
    WorkerRating rateWorker(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody(required = false) RatingRequest request) {
        return ratings.rate(user, id, request == null ? null : request.stars(), request == null ? null : request.comment());
    }

    @GetMapping("/me/shift-ratings")
    @Operation(summary = "The ratings clients gave you, with removed (contested) ones marked")
    List<WorkerRating> myRatings(@AuthenticationPrincipal CurrentUser user) {
        return ratings.received(user);
    }

    // Invoices

    @GetMapping("/shift-assignments/{id}/invoice")
    @Operation(summary = "The invoice of one settled shift: for its worker, or for the client's requesters")
    Invoice invoice(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return invoices.forShift(user, id);
    }

    @GetMapping(value = "/shift-assignments/{id}/invoice.pdf", produces = "application/pdf")
    @Operation(summary = "The same invoice as PDF")
    ResponseEntity<byte[]> invoicePdf(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return invoicePdf.download(invoices.forShift(user, id));
    }

    @GetMapping("/invoices")
    @Operation(summary = "Your organisation's collective invoice: every shift settled from 'from' up to 'to' (dates, local)")
    Invoice collective(@AuthenticationPrincipal CurrentUser user, @RequestParam java.time.LocalDate from, @RequestParam java.time.LocalDate to) {
        return invoices.collective(user, from, to);
    }

    // Workers

    @GetMapping("/shifts/feed")
    @Operation(summary = "Open shifts that still want people, soonest first; optionally near a place you give (never tracked), by role, dates and pay")
    List<Shifts.FeedItem> feed(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Double latitude,
                               @RequestParam(required = false) Double longitude, @RequestParam(required = false) Double withinKm,
                               @RequestParam(required = false) Long roleId, @RequestParam(required = false) String role,
                               @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                               @RequestParam(required = false) Long minHourlyRate) {
        return shifts.feed(user, new Shifts.FeedFilter(latitude, longitude, withinKm, roleId, role, from, to, minHourlyRate));
    }

    @PostMapping("/shifts/{id}/apply")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Apply to a shift; where it selects from a pool or past workers and you are one, you are selected at once")
    Application apply(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return selection.apply(user, id);
    }

    @PostMapping("/shifts/{id}/withdraw")
    @Operation(summary = "Withdraw your application, or give back your place before the shift begins")
    Application withdraw(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return selection.withdraw(user, id);
    }

    record HandoverRequest(String username) {
    }

    @PostMapping("/shifts/{id}/handover")
    @Operation(summary = "Offer your place to another worker (by username) before the shift begins; it moves when they accept")
    Handover offerHandover(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody(required = false) HandoverRequest request) {
        return selection.offerHandover(user, id, request == null ? null : request.username());
    }

    @PostMapping("/shifts/{id}/handover/accept")
    @Operation(summary = "Accept a place offered to you: checked against your working-time limits like any selection")
    Application acceptHandover(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return selection.acceptHandover(user, id);
    }

    @PostMapping("/shifts/{id}/handover/decline")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Decline a place offered to you")
    void declineHandover(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        selection.declineHandover(user, id);
    }

    @GetMapping("/me/shift-handovers")
    @Operation(summary = "Places offered to you and places you offered")
    List<Handover> handovers(@AuthenticationPrincipal CurrentUser user) {
        return selection.handovers(user);
    }

    @GetMapping("/me/shift-applications")
    @Operation(summary = "Your applications and places, newest first")
    List<Application> myApplications(@AuthenticationPrincipal CurrentUser user) {
        return selection.mine(user);
    }

    @GetMapping("/me/shift-assignments/{id}/hours")
    @Operation(summary = "Your hours on one shift")
    ShiftHours myHours(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return hours.ofWorker(user, id);
    }

    @PostMapping("/shift-assignments/{id}/check-in")
    @Operation(summary = "Check in (from 30 minutes before the start); where the shift checks distance, send your position once: only whether you are near is kept")
    ShiftHours checkIn(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody(required = false) Hours.Position position) {
        return hours.checkIn(user, id, position);
    }

    @PostMapping("/shift-assignments/{id}/check-out")
    @Operation(summary = "Check out with the hours you worked: start, end and unpaid break")
    ShiftHours checkOut(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody Hours.Times times) {
        return hours.checkOut(user, id, times);
    }

    @PostMapping("/shift-assignments/{id}/hours/accept-counter")
    @Operation(summary = "Accept the requester's counter: you are paid for the countered hours (or appeal the counter decision instead). Honours Idempotency-Key.")
    ResponseEntity<ShiftHours> acceptCounter(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                             @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        return idempotency.run(user.id(), key, Idempotency.fingerprint("accept-counter", id), ShiftHours.class,
                () -> ResponseEntity.ok(hours.acceptCounter(user, id)));
    }
}
