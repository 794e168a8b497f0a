package org.polder.voice.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.polder.account.CurrentUser;
import org.polder.voice.Consultation;
import org.polder.voice.Consultations;
import org.polder.voice.Election;
import org.polder.voice.RepresentativeFigures;
import org.polder.voice.Representatives;
import org.polder.work.PlatformParameters;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@RestController
@Tag(name = "Collective voice", description = "Consultations before rule changes, elections of representatives, and the figures representatives see")
class VoiceApiController {

    private final Consultations consultations;
    private final Representatives representatives;
    private final RepresentativeFigures figures;
    private final PlatformParameters parameters;
    private final org.polder.work.Governance governance;

    VoiceApiController(Consultations consultations, Representatives representatives, RepresentativeFigures figures,
                       PlatformParameters parameters, org.polder.work.Governance governance) {
        this.governance = governance;
        this.consultations = consultations;
        this.representatives = representatives;
        this.figures = figures;
        this.parameters = parameters;
    }

    @GetMapping("/api/v1/parameters")
    @Operation(summary = "The platform's rule parameters and their current values; each changes only after a consultation")
    Map<String, String> parameters() {
        Map<String, String> all = new LinkedHashMap<>();
        parameters.all().forEach((p, v) -> all.put(p.key(), v));
        return all;
    }

    @GetMapping("/api/v1/consultations")
    @Operation(summary = "Consultations on rule changes, open ones first")
    List<Consultation> consultations() {
        return consultations.list();
    }

    record ConsultationWithComments(Consultation consultation, List<Consultations.Comment> comments) {
    }

    @GetMapping("/api/v1/consultations/{id}")
    @Operation(summary = "A consultation and its comments (authors are not named; representatives are marked)")
    ConsultationWithComments consultation(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return new ConsultationWithComments(consultations.get(id), consultations.comments(user, id));
    }

    record NewComment(String body, Long unionId) {
    }

    @PostMapping("/api/v1/consultations/{id}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "For workers: comment on a consultation while it is open; with unionId, a union's agent speaks for the workers who mandate it")
    Consultations.Comment comment(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody NewComment body) {
        return consultations.comment(user, id, body == null ? null : body.body(), body == null ? null : body.unionId());
    }

    record ConsultationBallot(Boolean yes) {
    }

    @PostMapping("/api/v1/consultations/{id}/votes")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "For working members of a cooperative platform: vote yes or no on a binding consultation (secret; counts shown when it closes)")
    Consultation vote(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody ConsultationBallot body) {
        return consultations.vote(user, id, body == null ? null : body.yes());
    }

    record GovernanceView(org.polder.work.Governance.Model model, boolean binding, int quorumPercent, int majorityPercent) {
    }

    @GetMapping("/api/v1/governance")
    @Operation(summary = "Who decides rule changes: COMPANY (consultations are advisory) or COOPERATIVE (the working members' binding vote, with its quorum and majority)")
    GovernanceView governance() {
        return new GovernanceView(governance.model(), governance.binding(), governance.quorumPercent(), governance.majorityPercent());
    }

    record Proposal(String parameter, String value, String explanation, Integer days) {
    }

    @PostMapping("/api/v1/admin/consultations")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "For admins: propose a new value for a rule parameter; opens a consultation of at least the minimum period")
    Consultation propose(@AuthenticationPrincipal CurrentUser user, @RequestBody Proposal body) {
        return consultations.propose(user, body.parameter(), body.value(), body.explanation(), body.days());
    }

    record Note(String note) {
    }

    @PostMapping("/api/v1/admin/consultations/{id}/apply")
    @Operation(summary = "For admins: make the change once the comment period is over (409 before)")
    Consultation apply(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody(required = false) Note body) {
        return consultations.apply(user, id, body == null ? null : body.note());
    }

    @PostMapping("/api/v1/admin/consultations/{id}/withdraw")
    @Operation(summary = "For admins: withdraw a proposal")
    Consultation withdraw(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody(required = false) Note body) {
        return consultations.withdraw(user, id, body == null ? null : body.note());
    }

    @GetMapping("/api/v1/elections")
    @Operation(summary = "Elections of representatives, newest first; vote counts once an election has closed")
    List<Election> elections(@AuthenticationPrincipal CurrentUser user) {
        return representatives.list(user);
    }

    record NewElection(String title, Integer seats, Instant votingOpensAt, Instant closesAt, Instant termEndsAt) {
    }

    @PostMapping("/api/v1/admin/elections")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "For admins: call an election of representatives")
    Election call(@AuthenticationPrincipal CurrentUser user, @RequestBody NewElection body) {
        return representatives.call(user, body.title(), body.seats() == null ? 0 : body.seats(), body.votingOpensAt(), body.closesAt(),
                body.termEndsAt());
    }

    record Candidacy(String statement) {
    }

    @PostMapping("/api/v1/elections/{id}/candidates")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "For workers: stand as a candidate before voting opens")
    Election stand(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody Candidacy body) {
        return representatives.stand(user, id, body == null ? null : body.statement());
    }

    record Vote(Long candidateId) {
    }

    @PostMapping("/api/v1/elections/{id}/votes")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "For active workers: cast your one vote (secret: who you voted for is not kept)")
    Election vote(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody Vote body) {
        if (body == null || body.candidateId() == null) {
            throw org.polder.common.DomainException.invalid("candidateId: choose a candidate");
        }
        return representatives.vote(user, id, body.candidateId());
    }

    @GetMapping("/api/v1/representatives/figures")
    @Operation(summary = "For representatives: aggregate pay per active hour and rule outcomes over the last days (no individual's data)")
    RepresentativeFigures.Figures figures(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "30") int days) {
        return figures.last(user, days);
    }
}
