package org.polder.solidarity.web;

import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.Texts;
import org.polder.solidarity.CircleFunds;
import org.polder.solidarity.Circles;
import org.polder.solidarity.Tier;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDate;
import java.util.function.Supplier;

/** The worker's sick-pay circle: finding or founding one, and, inside it, contributions, votes, illness and gifts. */
@Controller
class CircleController {

    private final Circles circles;
    private final CircleFunds funds;
    private final Texts texts;
    private final java.time.Clock clock;
    private final java.time.ZoneId zone;

    CircleController(Circles circles, CircleFunds funds, Texts texts, java.time.Clock clock,
                     @org.springframework.beans.factory.annotation.Value("${polder.display-zone:Europe/Amsterdam}") String zone) {
        this.circles = circles;
        this.funds = funds;
        this.texts = texts;
        this.clock = clock;
        this.zone = java.time.ZoneId.of(zone);
    }

    @GetMapping("/circle")
    String circle(@AuthenticationPrincipal CurrentUser user, Model model) {
        user.require(Role.WORKER);
        var mine = circles.mine(user);
        model.addAttribute("circle", mine.orElse(null));
        model.addAttribute("circles", mine.isPresent() ? java.util.List.of() : circles.list(user));
        model.addAttribute("tiers", Tier.ALL);
        model.addAttribute("minMembers", Circles.MIN_MEMBERS);
        model.addAttribute("maxMembers", Circles.MAX_MEMBERS);
        model.addAttribute("giftMonths", CircleFunds.GIFT_MONTHS);
        model.addAttribute("today", clock.instant().atZone(zone).toLocalDate());
        return "solidarity/circle";
    }

    @PostMapping("/circle/found")
    String found(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String name, @RequestParam(required = false) Integer tier,
                 @RequestParam(defaultValue = "false") boolean autoContribute, RedirectAttributes redirect) {
        return act(redirect, "circle.founded", () -> circles.found(user, name, tier, autoContribute));
    }

    @PostMapping("/circle/{id}/apply")
    String apply(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) Integer tier,
                 @RequestParam(defaultValue = "false") boolean autoContribute, RedirectAttributes redirect) {
        return act(redirect, "circle.applied", () -> circles.apply(user, id, tier, autoContribute));
    }

    @PostMapping("/circle/settings")
    String settings(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Integer tier,
                    @RequestParam(defaultValue = "false") boolean autoContribute, RedirectAttributes redirect) {
        return act(redirect, "circle.saved", () -> circles.settings(user, tier, autoContribute));
    }

    @PostMapping("/circle/motions/{id}/vote")
    String vote(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) Boolean yes,
                RedirectAttributes redirect) {
        return act(redirect, "circle.voted", () -> circles.vote(user, id, yes));
    }

    @PostMapping("/circle/reviewer")
    String nominate(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Long memberId, RedirectAttributes redirect) {
        return act(redirect, "circle.nominated", () -> circles.nominateReviewer(user, memberId == null ? 0 : memberId));
    }

    @PostMapping("/circle/contribution")
    String contribute(@AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        return act(redirect, "circle.contributed", () -> funds.contribute(user));
    }

    @PostMapping("/circle/illness")
    String reportSick(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) LocalDate startsOn, RedirectAttributes redirect) {
        return act(redirect, "circle.reportedSick", () -> funds.reportSick(user, startsOn));
    }

    @PostMapping("/circle/illness/{id}/well")
    String reportWell(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) LocalDate endsOn,
                      RedirectAttributes redirect) {
        return act(redirect, "circle.reportedWell", () -> funds.reportWell(user, id, endsOn));
    }

    @PostMapping("/circle/illness/{id}/gift")
    String gift(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        return act(redirect, "circle.gave", () -> funds.giveGift(user, id));
    }

    @PostMapping("/circle/leave")
    String leave(@AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        return act(redirect, "circle.left", () -> {
            circles.leave(user);
            return null;
        });
    }

    /** Runs an action from a form: success and domain problems come back as a sentence on the page. */
    private String act(RedirectAttributes redirect, String done, Supplier<?> action) {
        try {
            action.get();
            redirect.addFlashAttribute("flash", texts.get(done));
        } catch (DomainException e) {
            if (e.status().value() == 403 && e.code() == null) {
                throw e;
            }
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:/circle";
    }
}
