package org.polder.ledger.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.idempotency.Idempotency;
import org.polder.ledger.Funding;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.ledger.Money;
import org.polder.ledger.Payout;
import org.polder.ledger.Payouts;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Funds and payouts, for admins only (checked by the security rules on /api/v1/admin). */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Admin: money")
class AdminMoneyApiController {

    private final Funding funding;
    private final Payouts payouts;
    private final Ledger ledger;
    private final Accounts accounts;
    private final Idempotency idempotency;

    AdminMoneyApiController(Funding funding, Payouts payouts, Ledger ledger, Accounts accounts, Idempotency idempotency) {
        this.funding = funding;
        this.payouts = payouts;
        this.ledger = ledger;
        this.accounts = accounts;
        this.idempotency = idempotency;
    }

    record FundsRequest(@Positive long amount, @Size(max = 100) String reference) {
    }

    record OrganisationBalance(long organisationId, String name, Money balance) {
    }

    @PostMapping("/organisations/{id}/funds")
    @Operation(summary = "Record money received for an organisation (amount in cents). Honours Idempotency-Key.")
    ResponseEntity<OrganisationBalance> fund(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id,
                           @Valid @RequestBody FundsRequest request,
                           @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        String name = accounts.organisation(id).name();
        return idempotency.run(admin.id(), key, Idempotency.fingerprint("funds", id, request.amount(), request.reference()),
                OrganisationBalance.class,
                () -> ResponseEntity.ok(new OrganisationBalance(id, name,
                        Money.euros(funding.fund(admin.id(), id, request.amount(), request.reference())))));
    }

    record GuaranteeFund(Money balance, List<org.polder.ledger.Posting> postings) {
    }

    @GetMapping("/guarantee-fund")
    @Operation(summary = "The platform's guarantee fund: its balance and latest postings (what rules and upheld appeals paid from it)")
    GuaranteeFund guaranteeFund() {
        LedgerAccount fund = LedgerAccount.platform(LedgerAccount.Type.GUARANTEE_FUND);
        return new GuaranteeFund(ledger.balanceOf(fund), ledger.postings(fund, 0, 50).items());
    }

    @PostMapping("/guarantee-fund/funds")
    @Operation(summary = "Put money into the guarantee fund (amount in cents). Honours Idempotency-Key.")
    ResponseEntity<GuaranteeFund> fundGuarantee(@AuthenticationPrincipal CurrentUser admin, @Valid @RequestBody FundsRequest request,
                                                @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        return idempotency.run(admin.id(), key, Idempotency.fingerprint("guarantee-funds", request.amount(), request.reference()),
                GuaranteeFund.class, () -> {
                    funding.fundGuarantee(admin.id(), request.amount(), request.reference());
                    return ResponseEntity.ok(guaranteeFund());
                });
    }

    @GetMapping("/organisations/balances")
    @Operation(summary = "Every organisation with its balance")
    List<OrganisationBalance> balances() {
        return accounts.organisations().stream()
                .map(o -> new OrganisationBalance(o.id(), o.name(), ledger.balanceOf(LedgerAccount.organisation(o.id()))))
                .toList();
    }

    @GetMapping("/payouts")
    @Operation(summary = "Payouts waiting to be paid")
    List<Payout> pending() {
        return payouts.pending();
    }

    record PaidRequest(@Size(max = 200) String paymentReference) {
    }

    @PostMapping("/payouts/{id}/paid")
    @Operation(summary = "Mark a payout paid. Honours Idempotency-Key.")
    ResponseEntity<Payout> paid(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id,
                           @RequestBody(required = false) PaidRequest request,
                           @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        String reference = request == null ? null : request.paymentReference();
        return idempotency.run(admin.id(), key, Idempotency.fingerprint("paid", id, reference), Payout.class,
                () -> ResponseEntity.ok(payouts.markPaid(admin.id(), id, reference)));
    }

    @GetMapping("/ledger/audit")
    @Operation(summary = "Check the books: every transaction balanced, balances match postings")
    List<String> audit() {
        return ledger.audit();
    }
}
