package org.polder.sandbox.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.polder.account.CurrentUser;
import org.polder.account.IssuedToken;
import org.polder.account.PlayAccounts;
import org.polder.common.DomainException;
import org.polder.sandbox.Sandboxes;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Sandbox", description = "Try batches, shifts and errands with play money, doing the work as the sandbox's test worker")
class SandboxApiController {

    private final Sandboxes sandboxes;
    private final PlayAccounts play;

    SandboxApiController(Sandboxes sandboxes, PlayAccounts play) {
        this.sandboxes = sandboxes;
        this.play = play;
    }

    @GetMapping("/api/v1/organisation/sandbox")
    @Operation(summary = "Your organisation's sandbox: its play money and what its test worker earned (404 until opened)")
    Sandboxes.SandboxView get(@AuthenticationPrincipal CurrentUser user) {
        return sandboxes.of(user).orElseThrow(() -> new DomainException(HttpStatus.NOT_FOUND, "Not Found",
                "Your organisation has no sandbox yet: POST /api/v1/organisation/sandbox opens it").code("problem.sandbox.none"));
    }

    @PostMapping("/api/v1/organisation/sandbox")
    @Operation(summary = "Open your organisation's sandbox (owners and managers) with €1,000 of play money; the same sandbox if it is open")
    Sandboxes.SandboxView open(@AuthenticationPrincipal CurrentUser user) {
        return sandboxes.open(user);
    }

    record PlayMoneyRequest(@Schema(description = "play money to add, in cents (at most 1,000,000)") long amount) {
    }

    @PostMapping("/api/v1/organisation/sandbox/play-money")
    @Operation(summary = "Add play money to the sandbox (owners and managers); it is never real and never paid out")
    Sandboxes.SandboxView addPlayMoney(@AuthenticationPrincipal CurrentUser user, @RequestBody PlayMoneyRequest request) {
        return sandboxes.addPlayMoney(user, request == null ? 0 : request.amount());
    }

    enum SandboxAccount { REQUESTER, WORKER }

    record SandboxTokenRequest(@Schema(description = "which test account: the sandbox's requester or its test worker") SandboxAccount as) {
    }

    @PostMapping("/api/v1/organisation/sandbox/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A bearer token for the sandbox's requester or its test worker (owners and managers), to try the API with play money")
    IssuedToken token(@AuthenticationPrincipal CurrentUser user, @RequestBody SandboxTokenRequest request) {
        if (request == null || request.as() == null) {
            throw DomainException.invalid("as: REQUESTER or WORKER").code("problem.sandbox.as");
        }
        return play.token(user, request.as() == SandboxAccount.WORKER);
    }
}
