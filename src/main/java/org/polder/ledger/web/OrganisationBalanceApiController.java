package org.polder.ledger.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.polder.account.CurrentUser;
import org.polder.common.Page;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.ledger.Money;
import org.polder.ledger.Posting;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/organisation")
@Tag(name = "Organisation balance")
class OrganisationBalanceApiController {

    private final Ledger ledger;

    OrganisationBalanceApiController(Ledger ledger) {
        this.ledger = ledger;
    }

    record Balance(long organisationId, Money balance, Page<Posting> postings) {
    }

    @GetMapping("/balance")
    @Operation(summary = "Your organisation's balance and its postings, newest first")
    Balance balance(@AuthenticationPrincipal CurrentUser user,
                    @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        long org = user.organisation();
        return new Balance(org, ledger.balanceOf(LedgerAccount.organisation(org)),
                ledger.postings(LedgerAccount.organisation(org), page, size));
    }
}
