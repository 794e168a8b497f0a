package org.polder.oversight.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.polder.account.AccountStanding;
import org.polder.account.CurrentUser;
import org.polder.oversight.Decision;
import org.polder.oversight.Suspensions;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

@RestController
@Tag(name = "Suspensions", description = "For moderators only: suspend a worker's account with a written reason, or lift it")
class SuspensionApiController {

    private final Suspensions suspensions;
    private final AccountStanding standing;

    SuspensionApiController(Suspensions suspensions, AccountStanding standing) {
        this.suspensions = suspensions;
        this.standing = standing;
    }

    record Suspend(String reason, Instant until) {
    }

    record Lift(String reason) {
    }

    @PostMapping("/api/v1/moderation/accounts/{id}/suspension")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Suspend a worker (no new work) until a time or until lifted; the worker reads the reason and can appeal")
    Decision suspend(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody Suspend body) {
        return suspensions.suspend(user, id, body == null ? null : body.reason(), body == null ? null : body.until());
    }

    @DeleteMapping("/api/v1/moderation/accounts/{id}/suspension")
    @Operation(summary = "Lift a suspension, with a reason the worker reads")
    Decision lift(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody(required = false) Lift body) {
        return suspensions.lift(user, id, body == null ? null : body.reason());
    }

    @GetMapping("/api/v1/moderation/suspensions")
    @Operation(summary = "Suspensions in force")
    List<AccountStanding.Suspension> inForce(@AuthenticationPrincipal CurrentUser user) {
        return standing.inForce(user);
    }
}
