package org.polder.oversight.web;

import org.polder.account.AccountStanding;
import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.common.Texts;
import org.polder.oversight.Appeals;
import org.polder.oversight.Decisions;
import org.polder.oversight.SafetyReport;
import org.polder.oversight.SafetyReports;
import org.polder.oversight.Suspensions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The report form on a worker's assignment, the worker's reports, and the moderators' queue. */
@Controller
class ModerationController {

    private final SafetyReports reports;
    private final Appeals appeals;
    private final Suspensions suspensions;
    private final Decisions decisions;
    private final AccountStanding standing;
    private final Accounts accounts;
    private final Texts texts;
    private final java.time.Clock clock;
    private final ZoneId zone;

    ModerationController(SafetyReports reports, Appeals appeals, Suspensions suspensions, Decisions decisions, AccountStanding standing,
                         Accounts accounts, Texts texts, java.time.Clock clock,
                         @Value("${polder.display-zone:Europe/Amsterdam}") String zone) {
        this.decisions = decisions;
        this.zone = ZoneId.of(zone);
        this.reports = reports;
        this.appeals = appeals;
        this.suspensions = suspensions;
        this.standing = standing;
        this.accounts = accounts;
        this.texts = texts;
        this.clock = clock;
    }

    @PostMapping("/work/assignments/{id}/report")
    String report(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) SafetyReport.Category category,
                  @RequestParam(required = false) String message, RedirectAttributes redirect) {
        try {
            reports.report(user, id, category, message);
            redirect.addFlashAttribute("flash", texts.get("report.sent"));
        } catch (DomainException e) {
            if (e.status().value() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:/me/reports";
    }

    @GetMapping("/me/reports")
    String mine(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("reports", reports.mine(user));
        model.addAttribute("moderation", false);
        return "oversight/reports";
    }

    @GetMapping("/moderation")
    String queue(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("reports", reports.queue(user));
        java.util.List<org.polder.oversight.Appeal> queue = appeals.queue(user);
        java.util.Map<Long, java.util.List<Appeals.Comment>> comments = new java.util.LinkedHashMap<>();
        queue.forEach(a -> comments.put(a.id(), appeals.comments(a.id())));
        java.util.Map<Long, org.polder.oversight.Decision> appealed = new java.util.HashMap<>();
        queue.forEach(a -> appealed.put(a.id(), appeals.appealed(user, a)));
        model.addAttribute("appealed", appealed);
        model.addAttribute("appeals", queue);
        model.addAttribute("comments", comments);
        model.addAttribute("now", clock.instant());
        List<AccountStanding.Suspension> inForce = standing.inForce(user);
        Map<Long, String> usernames = new HashMap<>();
        inForce.forEach(s -> usernames.put(s.accountId(), accounts.view(s.accountId()).username()));
        model.addAttribute("suspensions", inForce);
        model.addAttribute("automated", decisions.automated(user, null, 30));
        model.addAttribute("nothingToReverse", appeals.nothingToReverse());
        model.addAttribute("usernames", usernames);
        model.addAttribute("moderation", true);
        return "oversight/reports";
    }

    /** One appeal as a case: the decision with its numbers, the work behind it, what both sides say, the worker's history. */
    @GetMapping("/moderation/appeals/{id}")
    String caseOf(@AuthenticationPrincipal CurrentUser user, @org.springframework.web.bind.annotation.PathVariable long id, Model model) {
        model.addAttribute("case", appeals.caseOf(user, id));
        model.addAttribute("now", clock.instant());
        return "oversight/case";
    }

    @PostMapping("/moderation/appeals/{id}/decision")
    String decide(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam boolean upheld,
                  @RequestParam(required = false) String answer, RedirectAttributes redirect) {
        return act(redirect, () -> {
            appeals.decide(user, id, upheld, answer);
            return texts.get("appeal.answered");
        });
    }

    @PostMapping("/moderation/suspensions")
    String suspend(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String username,
                   @RequestParam(required = false) String reason, @RequestParam(required = false) LocalDate until,
                   RedirectAttributes redirect) {
        return act(redirect, () -> {
            CurrentUser worker = accounts.byUsername(username == null ? "" : username.strip())
                    .orElseThrow(() -> DomainException.invalid("username: no account is called '" + username + "'")
                            .code("problem.suspension.unknown", username));
            Instant end = until == null ? null : until.plusDays(1).atStartOfDay(zone).toInstant();
            suspensions.suspend(user, worker.id(), reason, end);
            return texts.get("suspension.done", worker.username());
        });
    }

    @PostMapping("/moderation/suspensions/{id}/lift")
    String lift(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) String reason,
                RedirectAttributes redirect) {
        return act(redirect, () -> {
            suspensions.lift(user, id, reason);
            return texts.get("suspension.lifted");
        });
    }

    @PostMapping("/moderation/decisions/{id}/override")
    String override(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) String reason,
                    RedirectAttributes redirect) {
        return act(redirect, () -> {
            appeals.override(user, id, reason);
            return texts.get("override.done");
        });
    }

    @PostMapping("/moderation/reports/{id}/response")
    String respond(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) String response,
                   RedirectAttributes redirect) {
        return act(redirect, () -> {
            reports.respond(user, id, response);
            return texts.get("report.answered");
        });
    }

    /**
     * Runs a moderator's form action and goes back to the queue with its message, or with the problem in
     * the reader's language. Refusals of the role itself go to the error page.
     */
    private String act(RedirectAttributes redirect, Supplier<String> action) {
        try {
            redirect.addFlashAttribute("flash", action.get());
        } catch (DomainException e) {
            if (e.status().value() == 403 && e.code() == null) {
                throw e;
            }
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:/moderation";
    }
}
