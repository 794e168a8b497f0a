package org.polder.oversight.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.polder.account.CurrentUser;
import org.polder.oversight.Appeal;
import org.polder.oversight.Appeals;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Appeals", description = "Ask a person to review a decision; moderators answer by a deadline")
class AppealApiController {

    private final Appeals appeals;
    private final org.polder.oversight.Decisions decisions;

    AppealApiController(Appeals appeals, org.polder.oversight.Decisions decisions) {
        this.appeals = appeals;
        this.decisions = decisions;
    }

    record NewAppeal(String statement) {
    }

    @PostMapping("/api/v1/me/decisions/{id}/appeal")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Appeal one of your decisions with a statement; a moderator who did not take it answers within 14 days")
    Appeal appeal(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody NewAppeal body) {
        return appeals.appeal(user, id, body == null ? null : body.statement());
    }

    @GetMapping("/api/v1/me/appeals")
    @Operation(summary = "Your appeals and their answers")
    List<Appeal> mine(@AuthenticationPrincipal CurrentUser user) {
        return appeals.mine(user);
    }

    @GetMapping("/api/v1/moderation/appeals")
    @Operation(summary = "For moderators: open appeals, the nearest deadline first (never about your own decisions)")
    List<Appeal> queue(@AuthenticationPrincipal CurrentUser user) {
        return appeals.queue(user);
    }

    @GetMapping("/api/v1/organisation/appeals")
    @Operation(summary = "For requesters: appeals about your organisation's work")
    List<Appeal> ofOrganisation(@AuthenticationPrincipal CurrentUser user) {
        return appeals.ofOrganisation(user);
    }

    record NewComment(String body) {
    }

    @PostMapping("/api/v1/organisation/appeals/{id}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "For requesters: comment on an appeal about your work; the moderator and the worker read it")
    void comment(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody NewComment body) {
        appeals.comment(user, id, body == null ? null : body.body());
    }

    @GetMapping("/api/v1/appeals/{id}/comments")
    @Operation(summary = "Comments on an appeal: for the worker, moderators and the organisation it is about")
    List<Appeals.Comment> comments(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return appeals.commentsFor(user, id);
    }

    record Answer(@NotNull Boolean upheld, String answer) {
    }

    @PostMapping("/api/v1/moderation/appeals/{id}/decision")
    @Operation(summary = "For moderators: uphold (reversing the decision's effect) or dismiss, with an answer the worker reads")
    Appeal decide(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @Valid @RequestBody Answer body) {
        return appeals.decide(user, id, body.upheld(), body.answer());
    }

    @GetMapping("/api/v1/moderation/decisions")
    @Operation(summary = "For moderators: automated decisions not overridden yet, newest first, optionally of one rule")
    List<org.polder.oversight.Decision> automated(@AuthenticationPrincipal CurrentUser user,
                                                  @org.springframework.web.bind.annotation.RequestParam(required = false) String rule,
                                                  @org.springframework.web.bind.annotation.RequestParam(defaultValue = "100") int limit) {
        return decisions.automated(user, rule, limit);
    }

    record Override(String reason) {
    }

    @PostMapping("/api/v1/moderation/decisions/{id}/override")
    @Operation(summary = "For moderators: override an automated decision (its effect is reversed once); the worker reads your reason")
    org.polder.oversight.Decision override(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                           @RequestBody(required = false) Override body) {
        return appeals.override(user, id, body == null ? null : body.reason());
    }
}
