package org.polder.voice.web;

import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.Texts;
import org.polder.voice.Consultation;
import org.polder.voice.Consultations;
import org.polder.voice.RepresentativeFigures;
import org.polder.voice.Representatives;
import org.polder.work.Parameter;
import org.polder.work.PlatformParameters;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The workers' voice pages: consultations on rule changes, and elections of representatives with their figures. */
@Controller
class VoiceController {

    private final Consultations consultations;
    private final Representatives representatives;
    private final RepresentativeFigures figures;
    private final PlatformParameters parameters;
    private final Texts texts;
    private final Clock clock;
    private final ZoneId zone;
    private final org.polder.work.Governance governance;
    private final org.polder.voice.Unions unions;
    private final org.polder.voice.Agreements agreements;

    VoiceController(Consultations consultations, Representatives representatives, RepresentativeFigures figures,
                    PlatformParameters parameters, Texts texts, Clock clock, @Value("${polder.display-zone:Europe/Amsterdam}") String zone,
                    org.polder.work.Governance governance, org.polder.voice.Unions unions, org.polder.voice.Agreements agreements) {
        this.agreements = agreements;
        this.governance = governance;
        this.unions = unions;
        this.consultations = consultations;
        this.representatives = representatives;
        this.figures = figures;
        this.parameters = parameters;
        this.texts = texts;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    @GetMapping("/consultations")
    String consultations(@AuthenticationPrincipal CurrentUser user, Model model) {
        List<Consultation> list = consultations.list();
        Map<Long, List<Consultations.Comment>> comments = new LinkedHashMap<>();
        list.forEach(c -> comments.put(c.id(), consultations.comments(user, c.id())));
        Map<String, String> current = new LinkedHashMap<>();
        parameters.all().forEach((p, v) -> current.put(p.key(), v));
        model.addAttribute("consultations", list);
        model.addAttribute("comments", comments);
        model.addAttribute("parameters", current);
        model.addAttribute("keys", java.util.Arrays.stream(Parameter.values()).map(Parameter::key).toList());
        model.addAttribute("minimumDays", consultations.minimumDays());
        model.addAttribute("now", clock.instant());
        model.addAttribute("governance", governance);
        model.addAttribute("speaksFor", unions.actsFor(user.id()).stream().map(u -> unions.get(user, u)).filter(u -> u.mandates() > 0).toList());
        model.addAttribute("votedOn", list.stream().filter(c -> c.binding() && c.state() == Consultation.State.OPEN)
                .filter(c -> consultations.voted(user, c.id())).map(Consultation::id).toList());
        return "voice/consultations";
    }

    @PostMapping("/consultations/{id}/comments")
    String comment(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) String body,
                   @RequestParam(required = false) Long unionId, RedirectAttributes redirect) {
        return act(redirect, "/consultations", unionId == null ? "consultation.commented" : "consultation.commentedForUnion",
                () -> consultations.comment(user, id, body, unionId));
    }

    @PostMapping("/consultations/{id}/votes")
    String vote(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) Boolean yes,
                RedirectAttributes redirect) {
        return act(redirect, "/consultations", "consultation.voted", () -> consultations.vote(user, id, yes));
    }

    @PostMapping("/admin/consultations")
    String propose(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String parameter,
                   @RequestParam(required = false) String value, @RequestParam(required = false) String explanation,
                   @RequestParam(required = false) Integer days, @RequestParam(required = false) String back, RedirectAttributes redirect) {
        String page = act(redirect, "/consultations", "consultation.proposed", () -> consultations.propose(user, parameter, value, explanation, days));
        // A page of the module that keeps the parameter (the errand pricing) proposes from its own form: a problem goes back there, with what was typed.
        if (redirect.getFlashAttributes().containsKey("error") && "/admin/errand-pricing".equals(back)) {
            redirect.addFlashAttribute("rulesText", value);
            redirect.addFlashAttribute("explanation", explanation);
            return "redirect:" + back;
        }
        return page;
    }

    @PostMapping("/admin/consultations/{id}/apply")
    String apply(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) String note,
                 RedirectAttributes redirect) {
        return act(redirect, "/consultations", "consultation.applied", () -> consultations.apply(user, id, note));
    }

    @PostMapping("/admin/consultations/{id}/withdraw")
    String withdraw(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) String note,
                    RedirectAttributes redirect) {
        return act(redirect, "/consultations", "consultation.withdrawn", () -> consultations.withdraw(user, id, note));
    }

    @GetMapping("/representatives")
    String representatives(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("elections", representatives.list(user));
        boolean sees = user.has(Role.ADMIN) || user.has(Role.MODERATOR) || representatives.isRepresentative(user.id());
        model.addAttribute("representative", representatives.isRepresentative(user.id()));
        model.addAttribute("figures", sees ? figures.last(user, 30) : null);
        model.addAttribute("unions", unions.list(user));
        model.addAttribute("agreements", agreements.list());
        model.addAttribute("proposingFor", agreements.proposingFor(user));
        model.addAttribute("mayPropose", agreements.representative(user) || !agreements.proposingFor(user).isEmpty());
        model.addAttribute("now", clock.instant());
        return "voice/representatives";
    }

    @PostMapping("/unions/{id}/mandate")
    String mandate(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(defaultValue = "true") boolean give,
                   RedirectAttributes redirect) {
        return act(redirect, "/representatives#unions", give ? "unions.mandated" : "unions.withdrawn", () -> unions.mandate(user, id, give));
    }

    @PostMapping("/unions/{id}/consent")
    String consent(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(defaultValue = "true") boolean give,
                   RedirectAttributes redirect) {
        return act(redirect, "/representatives#unions", give ? "unions.consented" : "unions.consentWithdrawn", () -> unions.consent(user, id, give));
    }

    @PostMapping("/admin/unions")
    String registerUnion(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String name,
                         @RequestParam(required = false) String description, @RequestParam(required = false) String agent, RedirectAttributes redirect) {
        return act(redirect, "/representatives#unions", "unions.registered", () -> unions.register(user, name, description, agent));
    }

    @PostMapping("/agreements")
    String proposeAgreement(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Long unionId,
                            @RequestParam(required = false) String name, @RequestParam(required = false) String kind,
                            @RequestParam(required = false) String role, @RequestParam(required = false) String hourlyMinimum,
                            @RequestParam(required = false) LocalDate validFrom, @RequestParam(required = false) LocalDate validUntil,
                            RedirectAttributes redirect) {
        return act(redirect, "/representatives#agreements", "agreement.proposed", () -> agreements.propose(user, unionId, name, kind, role,
                hourlyMinimum == null || hourlyMinimum.isBlank() ? null : org.polder.ledger.Money.centsOfEuros("hourlyMinimum", hourlyMinimum),
                validFrom, validUntil));
    }

    @PostMapping("/admin/agreements/{id}/sign")
    String signAgreement(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        return act(redirect, "/representatives#agreements", "agreement.signed", () -> agreements.sign(user, id));
    }

    @GetMapping("/unions/{id}")
    String union(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
        model.addAttribute("view", unions.figures(user, id, 30));
        return "voice/union";
    }

    @GetMapping("/unions/{id}/workers/{workerId}")
    String unionRecord(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable long workerId, Model model) {
        model.addAttribute("record", unions.record(user, id, workerId));
        model.addAttribute("unionId", id);
        return "voice/union-record";
    }

    @PostMapping("/elections/{id}/candidates")
    String stand(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) String statement,
                 RedirectAttributes redirect) {
        return act(redirect, "/representatives", "election.standing", () -> representatives.stand(user, id, statement));
    }

    @PostMapping("/elections/{id}/votes")
    String vote(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) Long candidateId,
                RedirectAttributes redirect) {
        return act(redirect, "/representatives", "election.voted", () -> {
            if (candidateId == null) {
                throw DomainException.invalid("candidateId: choose a candidate").code("problem.election.candidate");
            }
            return representatives.vote(user, id, candidateId);
        });
    }

    @PostMapping("/admin/elections")
    String call(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String title,
                @RequestParam(required = false) Integer seats, @RequestParam(required = false) LocalDate votingOpens,
                @RequestParam(required = false) LocalDate closes, @RequestParam(required = false) LocalDate termEnds,
                RedirectAttributes redirect) {
        return act(redirect, "/representatives", "election.called", () -> representatives.call(user, title, seats == null ? 0 : seats,
                start(votingOpens), start(closes), start(termEnds)));
    }

    private java.time.Instant start(LocalDate day) {
        return day == null ? null : day.atStartOfDay(zone).toInstant();
    }

    /** Runs an action from a form: success and domain problems come back as a message on the page. */
    private String act(RedirectAttributes redirect, String page, String done, Supplier<?> action) {
        try {
            action.get();
            redirect.addFlashAttribute("flash", texts.get(done));
        } catch (DomainException e) {
            if (e.status().value() == 403 && e.code() == null) {
                throw e;
            }
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:" + page;
    }
}
