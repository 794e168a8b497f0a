package org.polder.quality.web;

import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.common.Texts;
import org.polder.quality.Qualifications;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The requester's qualifications page: define, see holders, grant and revoke with a reason. */
@Controller
class QualificationController {

    private final Qualifications qualifications;
    private final Texts texts;

    QualificationController(Qualifications qualifications, Texts texts) {
        this.qualifications = qualifications;
        this.texts = texts;
    }

    @GetMapping("/requester/qualifications")
    String page(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Long show, Model model) {
        model.addAttribute("qualifications", qualifications.list(user));
        if (show != null) {
            model.addAttribute("shown", qualifications.get(user, show));
            model.addAttribute("holders", qualifications.holders(user, show));
        }
        return "quality/qualifications";
    }

    @PostMapping("/requester/qualifications")
    String create(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String name,
                  @RequestParam(required = false) String description, RedirectAttributes redirect) {
        try {
            long id = qualifications.create(user, name, description).id();
            redirect.addFlashAttribute("flash", texts.get("qualification.created"));
            return "redirect:/requester/qualifications?show=" + id;
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", texts.of(e));
            return "redirect:/requester/qualifications";
        }
    }

    @PostMapping("/requester/qualifications/{id}/holders")
    String grant(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) Long workerId,
                 @RequestParam(defaultValue = "100") int score, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            if (workerId == null) {
                throw DomainException.invalid("workerId: give the worker's number");
            }
            qualifications.grant(user, id, workerId, score, reason);
            redirect.addFlashAttribute("flash", texts.get("qualification.granted"));
        } catch (DomainException e) {
            if (e.status().value() == 404 && e.getMessage().startsWith("Qualification")) {
                throw e;
            }
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:/requester/qualifications?show=" + id;
    }

    @PostMapping("/requester/qualifications/{id}/holders/{workerId}/revoke")
    String revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable long workerId,
                  @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            qualifications.revoke(user, id, workerId, reason);
            redirect.addFlashAttribute("flash", texts.get("qualification.revoked"));
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:/requester/qualifications?show=" + id;
    }
}
