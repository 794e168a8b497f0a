package org.polder.oversight.web;

import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.common.Texts;
import org.polder.oversight.Appeal;
import org.polder.oversight.Appeals;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Requesters see appeals about their work and comment on them. */
@Controller
class RequesterAppealsController {

    private final Appeals appeals;
    private final Texts texts;

    RequesterAppealsController(Appeals appeals, Texts texts) {
        this.appeals = appeals;
        this.texts = texts;
    }

    @GetMapping("/requester/appeals")
    String page(@AuthenticationPrincipal CurrentUser user, Model model) {
        List<Appeal> list = appeals.ofOrganisation(user);
        Map<Long, List<Appeals.Comment>> comments = new LinkedHashMap<>();
        list.forEach(a -> comments.put(a.id(), appeals.comments(a.id())));
        model.addAttribute("appeals", list);
        model.addAttribute("comments", comments);
        return "oversight/requester-appeals";
    }

    @PostMapping("/requester/appeals/{id}/comments")
    String comment(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) String body,
                   RedirectAttributes redirect) {
        try {
            appeals.comment(user, id, body);
            redirect.addFlashAttribute("flash", texts.get("appeal.commented"));
        } catch (DomainException e) {
            if (e.status().value() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:/requester/appeals";
    }
}
