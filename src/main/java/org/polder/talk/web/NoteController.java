package org.polder.talk.web;

import org.polder.account.CurrentUser;
import org.polder.common.NotFoundException;
import org.polder.common.Texts;
import org.polder.talk.RequesterNotes;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;


/** A worker's choice to stop notes from one organisation (the page a note leads to). */
@Controller
class NoteController {

    private final RequesterNotes notes;
    private final Texts texts;

    NoteController(RequesterNotes notes, Texts texts) {
        this.notes = notes;
        this.texts = texts;
    }

    @GetMapping("/notifications/requesters/{organisationId}")
    String from(@AuthenticationPrincipal CurrentUser user, @PathVariable long organisationId, Model model) {
        var from = notes.from(user, organisationId).orElseThrow(() -> new NotFoundException("Organisation", organisationId));
        model.addAttribute("organisationId", organisationId);
        model.addAttribute("name", from.getKey());
        model.addAttribute("stopped", from.getValue());
        return "talk/notes-from";
    }

    @PostMapping("/notifications/requesters/{organisationId}")
    String stop(@AuthenticationPrincipal CurrentUser user, @PathVariable long organisationId, @RequestParam boolean stop,
                RedirectAttributes redirect) {
        var from = notes.from(user, organisationId).orElseThrow(() -> new NotFoundException("Organisation", organisationId));
        notes.stop(user, organisationId, stop);
        redirect.addFlashAttribute("flash", texts.get(stop ? "note.stopped" : "note.allowed", from.getKey()));
        return "redirect:/notifications/requesters/" + organisationId;
    }
}
