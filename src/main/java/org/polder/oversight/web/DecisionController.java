package org.polder.oversight.web;

import org.polder.account.CurrentUser;
import org.polder.oversight.Decisions;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The page of a worker's decisions. */
@Controller
class DecisionController {

    private final Decisions decisions;

    DecisionController(Decisions decisions) {
        this.decisions = decisions;
    }

    @GetMapping("/me/decisions")
    String page(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("page", decisions.forWorker(user.id(), Math.max(page, 0), 25));
        return "oversight/decisions";
    }

}
