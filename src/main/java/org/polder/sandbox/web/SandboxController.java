package org.polder.sandbox.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.account.PlayAccounts;
import org.polder.account.Sessions;
import org.polder.common.DomainException;
import org.polder.common.Texts;
import org.polder.ledger.Money;
import org.polder.sandbox.Sandboxes;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The sandbox page, and moving a web session into the sandbox and out: a member enters as the sandbox's requester or
 * its test worker, switches between the two, and leaves back to their own account. The session remembers who entered.
 */
@Controller
class SandboxController {

    private final Sandboxes sandboxes;
    private final PlayAccounts play;
    private final Accounts accounts;
    private final Texts texts;

    SandboxController(Sandboxes sandboxes, PlayAccounts play, Accounts accounts, Texts texts) {
        this.sandboxes = sandboxes;
        this.play = play;
        this.accounts = accounts;
        this.texts = texts;
    }

    @GetMapping("/requester/sandbox")
    String page(@AuthenticationPrincipal CurrentUser user, Model model) {
        user.organisation();
        model.addAttribute("sandbox", sandboxes.of(user).orElse(null));
        model.addAttribute("start", Money.euros(Sandboxes.START));
        return "sandbox/sandbox";
    }

    @PostMapping("/requester/sandbox")
    String open(@AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        if (texts.orFlash(redirect, () -> sandboxes.open(user)) != null) {
            redirect.addFlashAttribute("flash", texts.get("sandbox.opened"));
        }
        return "redirect:/requester/sandbox";
    }

    @PostMapping("/requester/sandbox/play-money")
    String addPlayMoney(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String amount, RedirectAttributes redirect) {
        if (texts.orFlash(redirect, () -> sandboxes.addPlayMoney(user, Money.centsOfEuros("amount", amount))) != null) {
            redirect.addFlashAttribute("flash", texts.get("sandbox.added"));
        }
        return "redirect:/requester/sandbox";
    }

    /** A member enters the sandbox as its requester ({@code as=requester}) or its test worker ({@code as=worker}). */
    @PostMapping("/requester/sandbox/enter")
    String enter(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "requester") String as,
                 HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        CurrentUser playing = texts.orFlash(redirect, () -> play.enter(user, "worker".equals(as)));
        if (playing == null) {
            return "redirect:/requester/sandbox";
        }
        request.changeSessionId();
        request.getSession().setAttribute(PlayAccounts.SESSION_MEMBER, user.id());
        Sessions.become(playing, request, response);
        return start(playing);
    }

    /** Inside the sandbox: from its requester to its test worker or back. */
    @PostMapping("/sandbox/switch")
    String change(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "requester") String as,
                  HttpServletRequest request, HttpServletResponse response) {
        CurrentUser playing = play.enter(member(request, user), "worker".equals(as));
        Sessions.become(playing, request, response);
        return start(playing);
    }

    /** Back to the member's own account. */
    @PostMapping("/sandbox/leave")
    String leave(@AuthenticationPrincipal CurrentUser user, HttpServletRequest request, HttpServletResponse response,
                 RedirectAttributes redirect) {
        CurrentUser member = member(request, user);
        request.getSession().removeAttribute(PlayAccounts.SESSION_MEMBER);
        Sessions.become(member, request, response);
        redirect.addFlashAttribute("flash", texts.get("sandbox.left"));
        return "redirect:/requester/sandbox";
    }

    /** The member who entered the sandbox in this session; refuses a session that did not enter one. */
    private CurrentUser member(HttpServletRequest request, CurrentUser user) {
        HttpSession session = request.getSession(false);
        Long id = session == null ? null : (Long) session.getAttribute(PlayAccounts.SESSION_MEMBER);
        if (id == null || !user.inSandbox()) {
            throw DomainException.forbidden("This session is not in a sandbox").code("problem.sandbox.notInside");
        }
        return accounts.currentUser(id);
    }

    private static String start(CurrentUser playing) {
        return playing.has(org.polder.account.Role.WORKER) ? "redirect:/work" : "redirect:/requester/sandbox";
    }
}
