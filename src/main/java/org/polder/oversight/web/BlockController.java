package org.polder.oversight.web;

import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.common.Texts;
import org.polder.oversight.Blocks;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The requester's page of blocked workers: block one with a reason, lift a block. */
@Controller
class BlockController {

    private final Blocks blocks;
    private final Texts texts;

    BlockController(Blocks blocks, Texts texts) {
        this.blocks = blocks;
        this.texts = texts;
    }

    @GetMapping("/requester/blocks")
    String page(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Long worker, Model model) {
        model.addAttribute("blocks", blocks.ofOrganisation(user));
        model.addAttribute("worker", worker);
        return "oversight/blocks";
    }

    @PostMapping("/requester/blocks")
    String block(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Long workerId,
                 @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            if (workerId == null) {
                throw DomainException.invalid("workerId: give the worker's number").code("problem.block.noWorker", "");
            }
            blocks.block(user, workerId, reason);
            redirect.addFlashAttribute("flash", texts.get("block.done"));
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", texts.of(e));
            return "redirect:/requester/blocks" + (workerId == null ? "" : "?worker=" + workerId);
        }
        return "redirect:/requester/blocks";
    }

    @PostMapping("/requester/blocks/{workerId}/lift")
    String lift(@AuthenticationPrincipal CurrentUser user, @PathVariable long workerId, RedirectAttributes redirect) {
        try {
            blocks.unblock(user, workerId);
            redirect.addFlashAttribute("flash", texts.get("block.lifted"));
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:/requester/blocks";
    }
}
