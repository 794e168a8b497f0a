package org.polder.quality.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.quality.HeldQualification;
import org.polder.quality.Qualification;
import org.polder.quality.Qualifications;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Qualifications", description = "What a batch may ask of its workers, and why a worker holds it")
class QualificationApiController {

    private final Qualifications qualifications;

    QualificationApiController(Qualifications qualifications) {
        this.qualifications = qualifications;
    }

    record NewQualification(@NotBlank @Size(max = 200) String name, @Size(max = 2000) String description) {
    }

    @PostMapping("/qualifications")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Define a qualification for your organisation")
    Qualification create(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody NewQualification body) {
        return qualifications.create(user, body.name(), body.description());
    }

    @GetMapping("/qualifications")
    @Operation(summary = "Your organisation's qualifications")
    List<Qualification> list(@AuthenticationPrincipal CurrentUser user) {
        return qualifications.list(user);
    }

    @GetMapping("/qualifications/{id}/holders")
    @Operation(summary = "Workers holding one of your qualifications, with score and reason")
    List<HeldQualification> holders(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return qualifications.holders(user, id);
    }

    record Grant(@NotNull Long workerId, @NotNull Integer score, @NotBlank @Size(max = 1000) String reason) {
    }

    @PostMapping("/qualifications/{id}/holders")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Grant a qualification by hand, with a score (0-100) and a reason the worker reads")
    HeldQualification grant(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @Valid @RequestBody Grant body) {
        return qualifications.grant(user, id, body.workerId(), body.score(), body.reason());
    }

    record Revocation(@NotBlank @Size(max = 1000) String reason) {
    }

    @DeleteMapping("/qualifications/{id}/holders/{workerId}")
    @Operation(summary = "Revoke a qualification, with a reason the worker reads")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable long workerId,
                                @Valid @RequestBody Revocation body) {
        qualifications.revoke(user, id, workerId, body.reason());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/me/qualifications")
    @Operation(summary = "The qualifications you hold, and why")
    List<HeldQualification> mine(@AuthenticationPrincipal CurrentUser user) {
        return qualifications.heldBy(user.require(Role.WORKER).id());
    }
}
