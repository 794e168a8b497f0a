package org.polder.oversight.web;

import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.common.Texts;
import org.polder.oversight.Appeal;
import org.polder.oversight.Appeals;
import org.polder.oversight.Decisions;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The page of a worker's decisions. */
@Controller
class DecisionController {

    private final Decisions decisions;
    private final Appeals appeals;
    private final Texts texts;
    private final java.time.Clock clock;

    DecisionController(Decisions decisions, Appeals appeals, Texts texts, java.time.Clock clock) {
        this.decisions = decisions;
        this.appeals = appeals;
        this.texts = texts;
        this.clock = clock;
    }

    @GetMapping("/me/decisions")
    String page(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("page", decisions.forWorker(user.id(), Math.max(page, 0), 25));
        java.util.List<Appeal> mine = appeals.mine(user);
        model.addAttribute("appeals", mine);
        model.addAttribute("appealed", mine.stream().map(Appeal::decisionId).collect(java.util.stream.Collectors.toSet()));
        model.addAttribute("now", clock.instant());
        return "oversight/decisions";
    }

    @PostMapping("/me/decisions/{id}/appeal")
    String appeal(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) String statement,
                  RedirectAttributes redirect) {
        try {
            appeals.appeal(user, id, statement);
            redirect.addFlashAttribute("flash", texts.get("appeal.sent"));
        } catch (DomainException e) {
            if (e.status().value() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:/me/decisions";
    }

}
