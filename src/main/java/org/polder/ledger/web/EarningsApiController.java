package org.polder.ledger.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.idempotency.Idempotency;
import org.polder.ledger.Earnings;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.ledger.Money;
import org.polder.ledger.PendingEarnings;
import org.polder.ledger.Payout;
import org.polder.ledger.PayPerActiveHour;
import org.polder.ledger.Payouts;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Earnings", description = "A worker's balance, pending money and payouts")
class EarningsApiController {

    private final Ledger ledger;
    private final Payouts payouts;
    private final List<PendingEarnings> pending;
    private final Idempotency idempotency;
    private final PayPerActiveHour payPerActiveHour;
    private final java.time.ZoneId zone;

    EarningsApiController(Ledger ledger, Payouts payouts, List<PendingEarnings> pending, Idempotency idempotency,
                          PayPerActiveHour payPerActiveHour,
                          @org.springframework.beans.factory.annotation.Value("${polder.display-zone:Europe/Amsterdam}") String zone) {
        this.payPerActiveHour = payPerActiveHour;
        this.zone = java.time.ZoneId.of(zone);
        this.ledger = ledger;
        this.payouts = payouts;
        this.pending = pending;
        this.idempotency = idempotency;
    }

    @GetMapping("/earnings")
    @Operation(summary = "Your balance, money awaiting review, payouts and recent postings (cents)")
    Earnings earnings(@AuthenticationPrincipal CurrentUser user) {
        long id = user.require(Role.WORKER).id();
        List<Payout> mine = payouts.ofWorker(id);
        long requested = mine.stream().filter(p -> p.state() == Payout.State.REQUESTED).mapToLong(Payout::amount).sum();
        long paid = mine.stream().filter(p -> p.state() == Payout.State.PAID).mapToLong(Payout::amount).sum();
        long awaitingReview = pending.stream().mapToLong(p -> p.pendingFor(id)).sum();
        return new Earnings(Money.EUR, ledger.balance(LedgerAccount.worker(id)), awaitingReview, requested, paid,
                ledger.totalCredited(LedgerAccount.worker(id)), mine,
                ledger.postings(LedgerAccount.worker(id), 0, 20).items());
    }

    @GetMapping("/pay-per-hour")
    @Operation(summary = "Your earnings per active hour over any period of days [from, to] (to included), per day and in all")
    PayPerActiveHour.Period payPerHour(@AuthenticationPrincipal CurrentUser user,
                                       @org.springframework.web.bind.annotation.RequestParam
                                       @org.springframework.format.annotation.DateTimeFormat(iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE)
                                       java.time.LocalDate from,
                                       @org.springframework.web.bind.annotation.RequestParam
                                       @org.springframework.format.annotation.DateTimeFormat(iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE)
                                       java.time.LocalDate to) {
        long id = user.require(Role.WORKER).id();
        if (to.isBefore(from) || from.plusYears(5).isBefore(to)) {
            throw org.polder.common.DomainException.invalid("from, to: from must not be after to, and at most five years apart")
                    .code("problem.period");
        }
        return payPerActiveHour.of(id, from, to.plusDays(1), zone);
    }

    record PayoutRequest(@Positive long amount) {
    }

    @PostMapping("/payouts")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @Operation(summary = "Ask for (part of) your balance to be paid out; amount in cents. Honours Idempotency-Key.")
    ResponseEntity<Payout> requestPayout(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody PayoutRequest request,
                                    @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        long id = user.require(Role.WORKER).id();
        return idempotency.run(id, key, Idempotency.fingerprint("payout", request.amount()), Payout.class,
                () -> ResponseEntity.status(HttpStatus.CREATED).body(payouts.request(id, request.amount())));
    }

    @GetMapping("/payouts")
    @Operation(summary = "Your payouts, newest first")
    List<Payout> myPayouts(@AuthenticationPrincipal CurrentUser user) {
        return payouts.ofWorker(user.require(Role.WORKER).id());
    }
}
