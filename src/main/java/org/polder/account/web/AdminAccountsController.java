package org.polder.account.web;

import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
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

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Accounts and their roles, for admins (security rules restrict /admin/**). */
@Controller
class AdminAccountsController {

    private final Accounts accounts;
    private final Texts texts;

    AdminAccountsController(Accounts accounts, Texts texts) {
        this.accounts = accounts;
        this.texts = texts;
    }

    @GetMapping("/admin/accounts")
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("page", accounts.list(Math.max(page, 0), 50));
        model.addAttribute("roles", Role.values());
        model.addAttribute("organisations", accounts.organisations());
        return "account/accounts";
    }

    @PostMapping("/admin/accounts/{id}/roles")
    String roles(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id,
                 @RequestParam(value = "roles", required = false) List<Role> roles,
                 @RequestParam(required = false) Long organisationId, RedirectAttributes redirect) {
        try {
            if (roles == null || roles.isEmpty()) {
                throw DomainException.invalid("roles: an account needs at least one role").code("problem.account.noRoles");
            }
            Set<Role> set = EnumSet.copyOf(roles);
            accounts.setRoles(admin.id(), id, set, organisationId);
            redirect.addFlashAttribute("flash", texts.get("admin.roles.saved"));
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:/admin/accounts";
    }
}
