package org.polder.voice.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.polder.account.CurrentUser;
import org.polder.voice.Unions;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Unions", description = "Unions and workers' associations: mandates and consent given by each worker, the figures their agents see")
class UnionApiController {

    private final Unions unions;
    private final org.polder.voice.Agreements agreements;

    UnionApiController(Unions unions, org.polder.voice.Agreements agreements) {
        this.unions = unions;
        this.agreements = agreements;
    }

    @GetMapping("/api/v1/agreements")
    @Operation(summary = "Collective agreements on minimum hourly rates: proposed and in force, with their party, kind of work, role and days")
    List<org.polder.work.CollectiveAgreements.Agreement> agreements() {
        return agreements.list();
    }

    record AgreementProposal(Long unionId, String name, String kind, String role, Long hourlyMinimumCents, java.time.LocalDate validFrom,
                    java.time.LocalDate validUntil) {
    }

    @PostMapping("/api/v1/agreements")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "For a union's agents (unionId) or elected representatives: propose minimum hourly rates per kind of work (MICROTASK, SHIFT, ERRAND or none) and shift role")
    org.polder.work.CollectiveAgreements.Agreement propose(@AuthenticationPrincipal CurrentUser user, @RequestBody AgreementProposal body) {
        if (body == null) {
            throw org.polder.common.DomainException.invalid("body: the agreement's terms");
        }
        return agreements.propose(user, body.unionId(), body.name(), body.kind(), body.role(), body.hourlyMinimumCents(), body.validFrom(),
                body.validUntil());
    }

    @PostMapping("/api/v1/admin/agreements/{id}/sign")
    @Operation(summary = "For admins: sign a collective agreement for the platform; posting enforces it from its first day")
    org.polder.work.CollectiveAgreements.Agreement sign(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return agreements.sign(user, id);
    }

    @GetMapping("/api/v1/unions")
    @Operation(summary = "Registered unions, how many workers mandate each, and what you gave each")
    List<Unions.Union> list(@AuthenticationPrincipal CurrentUser user) {
        return unions.list(user);
    }

    record UnionRegistration(String name, String description, String agent) {
    }

    @PostMapping("/api/v1/admin/unions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "For admins: register a union or workers' association and the account that acts for it")
    Unions.Union register(@AuthenticationPrincipal CurrentUser user, @RequestBody UnionRegistration body) {
        return unions.register(user, body == null ? null : body.name(), body == null ? null : body.description(), body == null ? null : body.agent());
    }

    record UnionAgent(String agent) {
    }

    @PostMapping("/api/v1/admin/unions/{id}/agents")
    @Operation(summary = "For admins: one more account that acts for the union")
    Unions.Union addAgent(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody UnionAgent body) {
        return unions.addAgent(user, id, body == null ? null : body.agent());
    }

    @PostMapping("/api/v1/me/unions/{id}/mandate")
    @Operation(summary = "For workers: mandate the union to receive the representatives' figures and speak in consultations for you")
    Unions.Union mandate(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return unions.mandate(user, id, true);
    }

    @DeleteMapping("/api/v1/me/unions/{id}/mandate")
    @Operation(summary = "For workers: withdraw your mandate (and with it your consent)")
    Unions.Union withdraw(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return unions.mandate(user, id, false);
    }

    @PostMapping("/api/v1/me/unions/{id}/consent")
    @Operation(summary = "For workers who mandate the union: let its agents see your own record (pay per active hour, decisions); in your trail")
    Unions.Union consent(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return unions.consent(user, id, true);
    }

    @DeleteMapping("/api/v1/me/unions/{id}/consent")
    @Operation(summary = "For workers: withdraw your consent; the union no longer sees your record")
    Unions.Union withdrawConsent(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return unions.consent(user, id, false);
    }

    @GetMapping("/api/v1/unions/{id}/figures")
    @Operation(summary = "For a union's agents, while workers mandate it: the aggregate figures representatives see, and who consented to share their record")
    Unions.UnionFigures figures(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(defaultValue = "30") int days) {
        return unions.figures(user, id, days);
    }

    @GetMapping("/api/v1/unions/{id}/workers/{workerId}")
    @Operation(summary = "For a union's agents: one worker's own record, only while that worker consents (the reading goes into their trail)")
    Unions.WorkerRecord record(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable long workerId) {
        return unions.record(user, id, workerId);
    }
}
