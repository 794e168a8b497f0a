package org.polder.oversight.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.polder.account.CurrentUser;
import org.polder.common.Page;
import org.polder.oversight.Decision;
import org.polder.oversight.Decisions;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/me/decisions")
@Tag(name = "Decisions", description = "Every decision that affected you, with its reason and the numbers behind it")
class DecisionApiController {

    private final Decisions decisions;

    DecisionApiController(Decisions decisions) {
        this.decisions = decisions;
    }

    @GetMapping
    @Operation(summary = "Your decisions, newest first")
    Page<Decision> list(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "0") int page,
                        @RequestParam(defaultValue = "50") int size) {
        return decisions.forWorker(user.id(), page, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One of your decisions")
    Decision one(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return decisions.ofWorker(user.id(), id);
    }
}
