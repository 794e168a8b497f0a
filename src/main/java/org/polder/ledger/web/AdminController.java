package org.polder.ledger.web;

import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.common.Texts;
import org.polder.ledger.Funding;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.ledger.Payouts;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;

/** The admin's money page: organisations with balances, adding funds, payouts to mark paid. Admins only (security rules). */
@Controller
class AdminController {

    private final Accounts accounts;
    private final Ledger ledger;
    private final Funding funding;
    private final Payouts payouts;
    private final Texts texts;

    AdminController(Accounts accounts, Ledger ledger, Funding funding, Payouts payouts, Texts texts) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.funding = funding;
        this.payouts = payouts;
        this.texts = texts;
    }

    record OrganisationRow(long id, String name, long balance) {
    }

    @GetMapping("/admin")
    String admin(Model model) {
        model.addAttribute("organisations", accounts.organisations().stream()
                .map(o -> new OrganisationRow(o.id(), o.name(), ledger.balance(LedgerAccount.organisation(o.id())))).toList());
        model.addAttribute("payouts", payouts.pending());
        model.addAttribute("audit", ledger.audit());
        LedgerAccount fund = LedgerAccount.platform(LedgerAccount.Type.GUARANTEE_FUND);
        model.addAttribute("guaranteeBalance", ledger.balance(fund));
        model.addAttribute("guaranteePostings", ledger.postings(fund, 0, 10).items());
        return "ledger/admin";
    }

    @PostMapping("/admin/guarantee-fund/funds")
    String fundGuarantee(@AuthenticationPrincipal CurrentUser admin, @RequestParam(required = false) BigDecimal amount,
                         @RequestParam(required = false) String reference, RedirectAttributes redirect) {
        try {
            funding.fundGuarantee(admin.id(), cents(amount), reference);
            redirect.addFlashAttribute("flash", text("admin.funds.added"));
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:/admin";
    }

    /** Euros typed in a form, as cents: more than zero, at most two decimals, at most ten million. */
    private long cents(BigDecimal amount) {
        return org.polder.ledger.Money.centsOfEuros("amount", amount);
    }

    @PostMapping("/admin/organisations/{id}/funds")
    String fund(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id, @RequestParam(required = false) BigDecimal amount,
                @RequestParam(required = false) String reference, RedirectAttributes redirect) {
        try {
            long cents = cents(amount);
            accounts.organisation(id);
            funding.fund(admin.id(), id, cents, reference);
            redirect.addFlashAttribute("flash", text("admin.funds.added"));
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:/admin";
    }

    @PostMapping("/admin/payouts/{id}/paid")
    String paid(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id, @RequestParam(required = false) String reference,
                RedirectAttributes redirect) {
        try {
            payouts.markPaid(admin.id(), id, reference == null || reference.isBlank() ? null : reference.strip());
            redirect.addFlashAttribute("flash", text("admin.payout.paid"));
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:/admin";
    }

    private String text(String key) {
        return texts.get(key);
    }
}
