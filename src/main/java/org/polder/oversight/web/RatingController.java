package org.polder.oversight.web;

import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.common.Texts;
import org.polder.oversight.RequesterRatings;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The rating form on a worker's task page. */
@Controller
class RatingController {

    private final RequesterRatings ratings;
    private final Texts texts;

    RatingController(RequesterRatings ratings, Texts texts) {
        this.ratings = ratings;
        this.texts = texts;
    }

    @PostMapping("/work/assignments/{id}/rating")
    String ratePage(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) Integer pay,
                    @RequestParam(required = false) Integer clarity, @RequestParam(required = false) Integer communication,
                    @RequestParam(required = false) Integer fairness, @RequestParam(required = false) String back,
                    RedirectAttributes redirect) {
        try {
            ratings.rate(user, id, new RequesterRatings.Scores(pay, clarity, communication, fairness));
            redirect.addFlashAttribute("flash", texts.get("rating.sent"));
        } catch (DomainException e) {
            if (e.status().value() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("error", texts.of(e));
        }
        // Shift workers rate from their shifts page, couriers from theirs; microtask workers from the task page.
        return "shifts".equals(back) ? "redirect:/me/shifts" : "errands".equals(back) ? "redirect:/courier" : "visits".equals(back) ? "redirect:/me/visits" : "redirect:/work/assignments/" + id;
    }
}
