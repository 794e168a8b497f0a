package org.polder.home.web;

import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.common.Texts;
import org.polder.home.Bookings;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** For moderators: households where a worker raised the alarm or was not well, and closing help at home to one, with a reason. */
@Controller
class HouseholdModerationController {

    private final Bookings bookings;
    private final Texts texts;

    HouseholdModerationController(Bookings bookings, Texts texts) {
        this.bookings = bookings;
        this.texts = texts;
    }

    @GetMapping("/moderation/households")
    String households(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("concerns", bookings.concerns(user));
        return "home/moderation";
    }

    @PostMapping("/moderation/households/{id}/close")
    String close(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) String reason,
                 RedirectAttributes redirect) {
        try {
            bookings.closeHousehold(user, id, reason);
            redirect.addFlashAttribute("flash", texts.get("home.moderation.closed"));
        } catch (DomainException e) {
            if (e.status().value() == 403 && e.code() == null) {
                throw e;
            }
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:/moderation/households";
    }
}
