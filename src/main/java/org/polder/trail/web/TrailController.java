package org.polder.trail.web;

import org.polder.account.CurrentUser;
import org.polder.trail.Trail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A person's own trail, newest first. */
@Controller
class TrailController {

    private final Trail trail;

    TrailController(Trail trail) {
        this.trail = trail;
    }

    @GetMapping("/me/trail")
    String trail(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("page", trail.forWorker(user.id(), Math.max(page, 0), 50));
        return "trail/trail";
    }
}
