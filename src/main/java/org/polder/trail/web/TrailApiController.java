package org.polder.trail.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.polder.account.CurrentUser;
import org.polder.common.Page;
import org.polder.trail.Trail;
import org.polder.trail.TrailEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Trail", description = "Every event about you, hash-chained")
class TrailApiController {

    private final Trail trail;

    TrailApiController(Trail trail) {
        this.trail = trail;
    }

    @GetMapping("/trail")
    @Operation(summary = "Your trail, newest first, paged")
    Page<TrailEvent> trail(@AuthenticationPrincipal CurrentUser user,
                           @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return trail.forWorker(user.id(), page, size);
    }
}
