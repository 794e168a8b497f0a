package org.polder.errand.web;

import org.polder.account.CurrentUser;
import org.polder.common.Texts;
import org.polder.errand.CourierTeams;
import org.polder.errand.DispatchBoard;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;

/**
 * The dispatcher's board: errands waiting for a courier, the team's couriers and their loads (the page refreshes
 * itself), asking a courier by hand with a reason, the team and each store's default couriers. The courier's side of
 * teams and the open board is on the courier's page ({@link CourierController}).
 */
@Controller
class DispatchController {

    private final DispatchBoard board;
    private final CourierTeams teams;
    private final Texts texts;

    DispatchController(DispatchBoard board, CourierTeams teams, Texts texts) {
        this.board = board;
        this.teams = teams;
        this.texts = texts;
    }

    @GetMapping("/requester/dispatch")
    String page(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("board", board.board(user));
        return "errand/dispatch";
    }

    /** The part that refreshes itself: waiting errands and the couriers' loads. */
    @GetMapping("/requester/dispatch/live")
    String live(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("board", board.board(user));
        return "errand/dispatch :: live";
    }

    @PostMapping("/requester/dispatch/mode")
    String mode(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "false") boolean selfDispatch, RedirectAttributes redirect) {
        teams.setSelfDispatch(user, selfDispatch);
        redirect.addFlashAttribute("flash", texts.get(selfDispatch ? "dispatch.selfFlash" : "dispatch.ruleFlash"));
        return "redirect:/requester/dispatch";
    }

    @PostMapping("/requester/dispatch/errands/{id}/assign")
    String assign(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) Long workerId,
                  @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        if (workerId == null) {
            redirect.addFlashAttribute("error", texts.get("dispatch.chooseCourier"));
        } else if (texts.orFlash(redirect, () -> board.assign(user, id, workerId, reason)) != null) {
            redirect.addFlashAttribute("flash", texts.get("dispatch.assignedFlash", String.valueOf(id)));
        }
        return "redirect:/requester/dispatch";
    }

    @PostMapping("/requester/dispatch/team")
    String invite(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String username, RedirectAttributes redirect) {
        CourierTeams.Member m = texts.orFlash(redirect, () -> teams.invite(user, username));
        if (m != null) {
            redirect.addFlashAttribute("flash", texts.get(m.state() == CourierTeams.State.MEMBER ? "dispatch.alreadyMember" : "dispatch.invitedFlash",
                    m.displayName()));
        }
        return "redirect:/requester/dispatch";
    }

    @PostMapping("/requester/dispatch/team/{workerId}/remove")
    String remove(@AuthenticationPrincipal CurrentUser user, @PathVariable long workerId, RedirectAttributes redirect) {
        teams.remove(user, workerId);
        redirect.addFlashAttribute("flash", texts.get("dispatch.removedFlash"));
        return "redirect:/requester/dispatch";
    }

    @PostMapping("/requester/dispatch/stores/{placeId}")
    String store(@AuthenticationPrincipal CurrentUser user, @PathVariable long placeId, @RequestParam(required = false) List<Long> workerIds,
                 RedirectAttributes redirect) {
        CourierTeams.Store s = texts.orFlash(redirect, () -> teams.setStoreCouriers(user, placeId, workerIds));
        if (s != null) {
            redirect.addFlashAttribute("flash", texts.get("dispatch.storeFlash", s.name()));
        }
        return "redirect:/requester/dispatch";
    }
}
