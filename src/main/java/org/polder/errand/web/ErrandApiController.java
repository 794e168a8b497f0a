package org.polder.errand.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.polder.account.CurrentUser;
import org.polder.common.Page;
import org.polder.errand.Errand;
import org.polder.errand.ErrandImport;
import org.polder.errand.ErrandRounds;
import org.polder.errand.Errands;
import org.polder.errand.Position;
import org.polder.errand.Pricing;
import org.polder.errand.Timeline;
import org.polder.errand.Tracking;
import org.polder.errand.Webhooks;
import org.polder.idempotency.Idempotency;
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

import java.util.List;
import java.util.Locale;

/** Requesters' errands, their webhooks, the platform's pricing rules, and the receiver's tracking. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Errands", description = "Errands: price, book, follow, cancel; webhooks; pricing rules; tracking for the receiver")
class ErrandApiController {

    private final ErrandImport importer;
    private final ErrandRounds rounds;
    private final Errands errands;
    private final Pricing pricing;
    private final Webhooks webhooks;
    private final Tracking tracking;
    private final Idempotency idempotency;

    ErrandApiController(Errands errands, Pricing pricing, Webhooks webhooks, Tracking tracking, Idempotency idempotency, ErrandImport importer,
                        ErrandRounds rounds) {
        this.rounds = rounds;
        this.importer = importer;
        this.errands = errands;
        this.pricing = pricing;
        this.webhooks = webhooks;
        this.tracking = tracking;
        this.idempotency = idempotency;
    }

    @PostMapping("/errands/quote")
    @Operation(summary = "The price of an errand before booking: every line of it, the courier's pay, the fee and the total. "
            + "A place given by its address alone (no latitude and longitude) is looked up.")
    Pricing.Quote quote(@AuthenticationPrincipal CurrentUser user, @RequestBody Errands.ErrandSpec spec, Locale locale) {
        return errands.quote(user, errands.located(user, spec, locale));
    }

    @PostMapping("/errands")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @Operation(summary = "Book an errand: its total goes into escrow and it is offered to the nearest free courier. "
            + "Give quotedTotal to refuse a changed price. Honours Idempotency-Key.")
    ResponseEntity<Errand> book(@AuthenticationPrincipal CurrentUser user, @RequestBody Errands.ErrandSpec spec,
                                @RequestHeader(value = Idempotency.HEADER, required = false) String key, Locale locale) {
        return idempotency.run(user.id(), key, Idempotency.fingerprint("errand", spec), Errand.class,
                () -> ResponseEntity.status(HttpStatus.CREATED).body(errands.book(user, errands.located(user, spec, locale))));
    }

    @GetMapping("/errands")
    @Operation(summary = "Your organisation's errands, latest first")
    List<Errand> list(@AuthenticationPrincipal CurrentUser user) {
        return errands.ofOrganisation(user);
    }

    /** An errand with its history and, while under way, where the courier is. */
    record Followed(Errand errand, List<Timeline.Step> history, Position courier) {
    }

    @GetMapping("/errands/{id}")
    @Operation(summary = "Follow an errand: its status, history, and the courier's position while it is under way")
    Followed get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        Errand e = errands.ofOrganisation(user, id);
        return new Followed(e, errands.history(id), errands.courierPosition(e).orElse(null));
    }

    record CancelRequest(String reason) {
    }

    @PostMapping("/errands/{id}/cancel")
    @Operation(summary = "Cancel: free until a courier accepts; then the courier gets the rules' share, after pickup all of the pay")
    Errand cancel(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody(required = false) CancelRequest request) {
        return errands.cancel(user, id, request == null ? null : request.reason());
    }

    @GetMapping("/errands/{id}/proof")
    @Operation(summary = "The photo or signature the courier took as proof of delivery")
    ResponseEntity<byte[]> proof(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return ProofImage.of(errands.proofOf(user, id));
    }

    // Webhooks

    record WebhookRequest(String url) {
    }

    @PostMapping("/errand-webhooks")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a webhook for every status change of your errands; the answer holds the secret that signs each delivery")
    Webhooks.Webhook addWebhook(@AuthenticationPrincipal CurrentUser user, @RequestBody(required = false) WebhookRequest request) {
        return webhooks.add(user, request == null ? null : request.url());
    }

    @GetMapping("/errand-webhooks")
    @Operation(summary = "Your organisation's webhooks")
    List<Webhooks.Webhook> webhooks(@AuthenticationPrincipal CurrentUser user) {
        return webhooks.list(user);
    }

    @DeleteMapping("/errand-webhooks/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Stop a webhook; what it has not sent yet is not sent")
    void removeWebhook(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        webhooks.remove(user, id);
    }

    @GetMapping("/errand-webhooks/{id}/deliveries")
    @Operation(summary = "A webhook's delivery log: every event, its attempts, the last answer and the next try")
    Page<Webhooks.Delivery> deliveries(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                       @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return webhooks.deliveries(user, id, Math.max(0, page), Math.min(Math.max(1, size), Page.MAX_SIZE));
    }

    // The platform's pricing rules

    @GetMapping("/errand-pricing")
    @Operation(summary = "The pricing rules in force: base, per km, zones, times of day, cancellation share")
    Pricing.Version rules() {
        return pricing.current();
    }


    @PostMapping(value = "/errands/import", consumes = "text/csv")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Book a day's deliveries from CSV (columns pickup, dropoff, receiver; date, from, until in local time, notes, proof): "
            + "all rows, or none with the row and column of the problem. With ride=true the rows are the drop-offs of one ride "
            + "(one pickup, one courier)")
    List<Errand> importCsv(@AuthenticationPrincipal CurrentUser user, @RequestBody byte[] csv, @RequestParam(defaultValue = "false") boolean ride,
                           Locale locale) {
        return ride ? importer.bookRide(user, csv, locale) : importer.book(user, csv, locale);
    }

    @PostMapping("/errand-rides")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Book a ride: one pickup and 2 to 20 drop-offs (each with its receiver, time window, notes and proof), taken by one "
            + "courier. The stops are put in route order (on time where possible, fewest km) and each is priced for its leg; each is an "
            + "errand of its own with its tracking link and escrow, listed here in route order")
    List<Errand> bookRide(@AuthenticationPrincipal CurrentUser user, @RequestBody Errands.RideSpec ride, Locale locale) {
        return errands.bookRide(user, errands.located(user, ride, locale));
    }

    @PostMapping(value = "/errand-rounds", consumes = "text/csv")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A recurring round: the stops of a CSV file (each with its time 'from', no date), booked a day ahead on the weekdays given "
            + "(e.g. weekdays=MONDAY,TUESDAY)")
    ErrandRounds.Round createRound(@AuthenticationPrincipal CurrentUser user, @RequestParam String name,
                                   @RequestParam java.util.Set<java.time.DayOfWeek> weekdays, @RequestBody byte[] csv, Locale locale) {
        return rounds.create(user, name, weekdays, csv, locale);
    }

    @GetMapping("/errand-rounds")
    @Operation(summary = "Your organisation's recurring rounds, running ones first")
    List<ErrandRounds.Round> rounds(@AuthenticationPrincipal CurrentUser user) {
        return rounds.list(user);
    }

    @PostMapping("/errand-rounds/{id}/stop")
    @Operation(summary = "Stop a round: nothing more is booked; errands already booked stay")
    ErrandRounds.Round stopRound(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return rounds.stop(user, id);
    }

    // The receiver

    @GetMapping("/tracking/{token}")
    @Operation(summary = "For the receiver, without an account: the status, the PIN to give the courier, and the courier's position while under way")
    Tracking.View track(@PathVariable String token) {
        return tracking.view(token);
    }

    record HandoverRequest(@io.swagger.v3.oas.annotations.media.Schema(description = "true: leave it at the door (a photo is then the proof); false: hand it to me")
                           boolean leaveAtDoor,
                           @io.swagger.v3.oas.annotations.media.Schema(nullable = true, description = "where to leave it, for the courier (at most 300 characters)")
                           String doorNote) {
    }

    @PostMapping("/tracking/{token}/handover")
    @Operation(summary = "For the receiver, without an account: leave it at the door (with where), or hand it over after all, until it is delivered")
    Tracking.View handover(@PathVariable String token, @RequestBody HandoverRequest request) {
        return tracking.handover(token, request != null && request.leaveAtDoor(), request == null ? null : request.doorNote());
    }
}
