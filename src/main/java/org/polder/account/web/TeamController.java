package org.polder.account.web;

import org.polder.account.CurrentUser;
import org.polder.account.MemberRole;
import org.polder.account.Teams;
import org.polder.account.Accounts;
import org.polder.common.DomainException;
import org.polder.common.Texts;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The team page (members, roles, invitations, API keys) and the page an invitation link opens. */
@Controller
class TeamController {

    private final Teams teams;
    private final Accounts accounts;
    private final Texts texts;

    TeamController(Teams teams, Accounts accounts, Texts texts) {
        this.teams = teams;
        this.accounts = accounts;
        this.texts = texts;
    }

    @GetMapping("/requester/team")
    String team(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("organisation", accounts.organisation(user.organisation()).name());
        model.addAttribute("members", teams.members(user));
        model.addAttribute("roles", MemberRole.values());
        boolean owner = user.may(MemberRole::mayManageTeam);
        model.addAttribute("owner", owner);
        if (owner) {
            model.addAttribute("invitations", teams.invitations(user));
            model.addAttribute("keys", teams.keys(user));
        }
        return "account/team";
    }

    @PostMapping("/requester/team/invitations")
    String invite(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) MemberRole role,
                  @RequestParam(required = false) String email, RedirectAttributes redirect) {
        Teams.NewInvitation made = texts.orFlash(redirect, () -> teams.invite(user, role, email));
        if (made != null) {
            redirect.addFlashAttribute("newLink", made.link());
            redirect.addFlashAttribute("mailedTo", made.invitation().email());
        }
        return "redirect:/requester/team";
    }

    @PostMapping("/requester/team/invitations/{id}/withdraw")
    String withdraw(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        return done(redirect, () -> teams.withdraw(user, id));
    }

    @PostMapping("/requester/team/members/{id}/role")
    String setRole(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) MemberRole role,
                   RedirectAttributes redirect) {
        return done(redirect, () -> teams.setRole(user, id, role));
    }

    @PostMapping("/requester/team/members/{id}/remove")
    String remove(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        return done(redirect, () -> teams.remove(user, id));
    }

    @PostMapping("/requester/team/keys")
    String makeKey(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String name,
                   @RequestParam(required = false) MemberRole scope, @RequestParam(required = false) Integer days, RedirectAttributes redirect) {
        Teams.NewKey made = texts.orFlash(redirect, () -> teams.makeKey(user, name, scope, days));
        if (made != null) {
            redirect.addFlashAttribute("newKey", made.token());
        }
        return "redirect:/requester/team";
    }

    @PostMapping("/requester/team/keys/{id}/revoke")
    String revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        return done(redirect, () -> teams.revokeKey(user, id));
    }

    private String done(RedirectAttributes redirect, Runnable action) {
        if (texts.orFlash(redirect, () -> {
            action.run();
            return Boolean.TRUE;
        }) != null) {
            redirect.addFlashAttribute("flash", texts.get("team.changed"));
        }
        return "redirect:/requester/team";
    }

    // The invitation link

    @GetMapping("/join/{token}")
    String join(@AuthenticationPrincipal CurrentUser user, @PathVariable String token, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("offer", teams.lookUp(token).orElse(null));
        return "account/join";
    }

    /** Someone new opens an account from the link and joins at once. */
    @PostMapping("/join/{token}")
    String register(@PathVariable String token, @RequestParam(required = false) String username, @RequestParam(required = false) String displayName,
                    @RequestParam(required = false) String password, Model model, java.util.Locale locale, RedirectAttributes redirect) {
        try {
            teams.join(token, username, displayName, password, locale.getLanguage());
        } catch (DomainException e) {
            model.addAttribute("token", token);
            model.addAttribute("offer", teams.lookUp(token).orElse(null));
            model.addAttribute("error", texts.of(e));
            model.addAttribute("username", username);
            model.addAttribute("displayName", displayName);
            return "account/join";
        }
        redirect.addFlashAttribute("registered", username.strip().toLowerCase(java.util.Locale.ROOT));
        return "redirect:/login";
    }

    /** A logged-in account accepts the invitation. */
    @PostMapping("/join/{token}/accept")
    String accept(@AuthenticationPrincipal CurrentUser user, @PathVariable String token, RedirectAttributes redirect) {
        Teams.Member joined = texts.orFlash(redirect, () -> teams.accept(user, token));
        if (joined == null) {
            return "redirect:/join/" + token;
        }
        redirect.addFlashAttribute("flash", texts.get("join.joined", accounts.organisation(accounts.currentUser(user.id()).organisationId()).name()));
        return "redirect:/requester/team";
    }
}
