package org.polder.account.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.account.WorkerProfile;
import org.polder.account.WorkerProfiles;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A worker's own languages and region, for programs. */
@RestController
@Tag(name = "Profile", description = "The languages you work in and the region you live in, as you say them")
class ProfileApiController {

    private final WorkerProfiles profiles;

    ProfileApiController(WorkerProfiles profiles) {
        this.profiles = profiles;
    }

    @GetMapping("/api/v1/me/profile")
    @Operation(summary = "Your languages (ISO 639-1) and region (ISO 3166-2:NL), as you said them")
    WorkerProfile get(@AuthenticationPrincipal CurrentUser user) {
        return profiles.of(user.require(Role.WORKER).id());
    }

    @PutMapping("/api/v1/me/profile")
    @Operation(summary = "Say which languages you work in and which region you live in; work that asks for them checks this")
    WorkerProfile put(@AuthenticationPrincipal CurrentUser user, @RequestBody WorkerProfile profile) {
        return profiles.set(user, profile.languages(), profile.region());
    }
}
