package org.polder.talk.web;

import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.common.Texts;
import org.polder.talk.Threads;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The thread of one assignment, the same page for the worker and the requester's people; reported threads for moderators. */
@Controller
class ThreadController {

    private final Threads threads;
    private final Texts texts;

    ThreadController(Threads threads, Texts texts) {
        this.threads = threads;
        this.texts = texts;
    }

    @GetMapping("/threads/{assignmentId}")
    String thread(@AuthenticationPrincipal CurrentUser user, @PathVariable long assignmentId, Model model) {
        Threads.Parties parties = threads.parties(user, assignmentId);
        model.addAttribute("parties", parties);
        model.addAttribute("messages", threads.read(user, assignmentId));
        model.addAttribute("asWorker", user.id() == parties.workerId());
        model.addAttribute("canWrite", user.id() == parties.workerId()
                || (user.organisationId() != null && user.organisationId() == parties.organisationId()));
        return "talk/thread";
    }

    @PostMapping("/threads/{assignmentId}")
    String write(@AuthenticationPrincipal CurrentUser user, @PathVariable long assignmentId, @RequestParam(required = false) String body,
                 RedirectAttributes redirect) {
        try {
            threads.write(user, assignmentId, body);
        } catch (DomainException e) {
            if (e.status().value() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:/threads/" + assignmentId + "#write";
    }

    @PostMapping("/threads/messages/{id}/report")
    String report(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam long assignmentId,
                  @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            threads.report(user, id, reason);
            redirect.addFlashAttribute("flash", texts.get("thread.reported"));
        } catch (DomainException e) {
            if (e.status().value() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:/threads/" + assignmentId;
    }

    @GetMapping("/moderation/threads")
    String reported(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("messages", threads.reported(user));
        return "talk/reported";
    }
}
