package org.polder.bank.web;

import jakarta.servlet.http.HttpServletRequest;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.bank.BankAccount;
import org.polder.bank.BankAccounts;
import org.polder.bank.PaymentReference;
import org.polder.bank.PlatformAccount;
import org.polder.common.DomainException;
import org.polder.common.Texts;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The bank account pages: a worker's account for payouts (and how to verify it), and a requester's way to top
 * up their organisation's balance by bank transfer (and the account it pays from).
 */
@Controller
class BankController {

    private final BankAccounts bankAccounts;
    private final PlatformAccount platform;
    private final Texts texts;

    BankController(BankAccounts bankAccounts, PlatformAccount platform, Texts texts) {
        this.bankAccounts = bankAccounts;
        this.platform = platform;
        this.texts = texts;
    }

    @GetMapping("/me/bank")
    String mine(@AuthenticationPrincipal CurrentUser user, Model model) {
        long id = user.require(Role.WORKER).id();
        model.addAttribute("account", BankAccountView.of(bankAccounts.of(BankAccount.Owner.WORKER, id).orElse(null), platform, PaymentReference.worker(id)));
        model.addAttribute("forWorker", true);
        model.addAttribute("action", "/me/bank");
        return "bank/account";
    }

    @PostMapping("/me/bank")
    String setMine(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String iban,
                   @RequestParam(required = false) String holderName, @RequestParam(required = false) String password,
                   HttpServletRequest http, RedirectAttributes redirect) {
        return saved(redirect, "/me/bank", () -> bankAccounts.setOwn(user, iban, holderName, password, http.getRemoteAddr()));
    }

    @GetMapping("/requester/bank")
    String organisation(@AuthenticationPrincipal CurrentUser user, Model model) {
        long org = user.require(Role.REQUESTER).organisation();
        model.addAttribute("account", BankAccountView.of(bankAccounts.of(BankAccount.Owner.ORGANISATION, org).orElse(null), platform,
                PaymentReference.organisation(org)));
        model.addAttribute("forWorker", false);
        model.addAttribute("action", "/requester/bank");
        return "bank/account";
    }

    @PostMapping("/requester/bank")
    String setOrganisation(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String iban,
                           @RequestParam(required = false) String holderName, @RequestParam(required = false) String password,
                           HttpServletRequest http, RedirectAttributes redirect) {
        return saved(redirect, "/requester/bank", () -> bankAccounts.setOrganisation(user, iban, holderName, password, http.getRemoteAddr()));
    }

    private String saved(RedirectAttributes redirect, String page, Runnable save) {
        try {
            save.run();
            redirect.addFlashAttribute("flash", texts.get("bank.saved"));
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:" + page;
    }
}
