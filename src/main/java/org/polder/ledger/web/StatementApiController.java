package org.polder.ledger.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.ledger.BalanceStatement;
import org.polder.ledger.EarningsStatement;
import org.polder.ledger.Statements;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Statements for programs (the pages offer the same as PDF and CSV at /me/statements and /requester/statements). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Statements", description = "A worker's earnings and an organisation's balance, per month or year")
class StatementApiController {

    private final Statements statements;

    StatementApiController(Statements statements) {
        this.statements = statements;
    }

    @GetMapping("/me/statements")
    @Operation(summary = "Your earnings statement for a month (year and month) or a whole year (year only); amounts in cents")
    EarningsStatement earnings(@AuthenticationPrincipal CurrentUser user, @RequestParam int year, @RequestParam(required = false) Integer month) {
        return statements.earnings(user.require(Role.WORKER), year, month);
    }

    @GetMapping("/organisation/statements")
    @Operation(summary = "Your organisation's balance statement for a month or a whole year: every movement; amounts in cents")
    BalanceStatement balance(@AuthenticationPrincipal CurrentUser user, @RequestParam int year, @RequestParam(required = false) Integer month) {
        return statements.balance(user.require(Role.REQUESTER), year, month);
    }
}
