package org.polder.bank.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.polder.account.CurrentUser;
import org.polder.bank.BankAccount;
import org.polder.bank.BankAccounts;
import org.polder.bank.BankEntry;
import org.polder.bank.BankStatements;
import org.polder.bank.PayoutRun;
import org.polder.bank.PayoutRuns;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The bank, for admins (checked by the security rules on /api/v1/admin): statements, unmatched entries, payout runs. */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Admin: bank")
class AdminBankApiController {

    private final BankStatements statements;
    private final PayoutRuns runs;
    private final BankAccounts bankAccounts;

    AdminBankApiController(BankStatements statements, PayoutRuns runs, BankAccounts bankAccounts) {
        this.statements = statements;
        this.runs = runs;
        this.bankAccounts = bankAccounts;
    }

    @PostMapping(value = "/bank/statements", consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    @Operation(summary = "Import a statement of the platform's account (ISO 20022 camt.053.001.02, the file as the body). Each booked "
            + "entry is acted on once; importing the same statement again changes nothing; a malformed file is refused whole, naming the element.")
    BankStatements.ImportResult importStatement(@AuthenticationPrincipal CurrentUser admin, @RequestBody byte[] file) {
        return statements.importStatement(admin, file);
    }

    @GetMapping("/bank/entries")
    @Operation(summary = "Booked entries of imported statements, newest first; outcome=UNMATCHED lists those waiting for an admin")
    List<BankEntry> entries(@RequestParam(required = false) BankEntry.Outcome outcome, @RequestParam(defaultValue = "100") int limit) {
        return statements.entries(outcome, Math.max(1, Math.min(limit, 500)));
    }

    record Assignment(long organisationId, @Size(max = 300) String reason) {
    }

    @PostMapping("/bank/entries/{id}/assign")
    @Operation(summary = "Credit an unmatched incoming transfer to an organisation, with a reason")
    BankEntry assign(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id, @Valid @RequestBody Assignment a) {
        return statements.assign(admin, id, a.organisationId(), a.reason());
    }

    record Reason(@Size(max = 300) String reason) {
    }

    @PostMapping("/bank/entries/{id}/set-aside")
    @Operation(summary = "Set an unmatched entry aside, with a reason (a bank charge, a transfer sent back by hand)")
    BankEntry setAside(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id, @Valid @RequestBody Reason r) {
        return statements.setAside(admin, id, r.reason());
    }

    @PostMapping("/payout-runs")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Put every requested payout into a new payout run, with its SEPA credit-transfer file (pain.001.001.09)")
    PayoutRun createRun(@AuthenticationPrincipal CurrentUser admin) {
        return runs.create(admin);
    }

    @GetMapping("/payout-runs")
    @Operation(summary = "The latest payout runs")
    List<PayoutRun> recentRuns() {
        return runs.recent(50);
    }

    @GetMapping("/payout-runs/{id}/file")
    @Operation(summary = "The run's credit-transfer file for the bank; the first download marks the run and its payouts sent")
    ResponseEntity<byte[]> file(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id) {
        byte[] xml = runs.download(admin, id).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("polder-payout-run-" + id + ".xml").build().toString())
                .body(xml);
    }

    record How(@Size(max = 300) String how) {
    }

    @PostMapping("/payout-runs/{id}/paid")
    @Operation(summary = "Mark a sent run paid without the bank's statement, saying how you know")
    PayoutRun markPaid(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id, @Valid @RequestBody How how) {
        return runs.markPaid(admin, id, how.how());
    }

    @PostMapping("/payout-runs/{id}/cancel")
    @Operation(summary = "Cancel a run whose file was not yet downloaded; its payouts go into the next run")
    PayoutRun cancel(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id) {
        return runs.cancel(admin, id);
    }

    record Verification(@NotNull BankAccount.Owner owner, long ownerId, @Size(max = 300) String reason) {
    }

    @PostMapping("/bank-accounts/verify")
    @Operation(summary = "Verify a worker's or an organisation's bank account by other means, with a reason")
    BankAccount verify(@AuthenticationPrincipal CurrentUser admin, @Valid @RequestBody Verification v) {
        return bankAccounts.verifyByAdmin(admin, v.owner(), v.ownerId(), v.reason());
    }
}
