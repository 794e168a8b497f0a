package org.polder.bank.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.bank.BankAccount;
import org.polder.bank.BankAccounts;
import org.polder.bank.PaymentReference;
import org.polder.bank.PlatformAccount;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A worker's and an organisation's bank account, and how to transfer money in. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Bank accounts", description = "The account payouts go to, the account top-ups come from, and the reference to give")
class BankApiController {

    private final BankAccounts bankAccounts;
    private final PlatformAccount platform;

    BankApiController(BankAccounts bankAccounts, PlatformAccount platform) {
        this.bankAccounts = bankAccounts;
        this.platform = platform;
    }

    record BankAccountChange(@Size(max = 50) String iban, @Size(max = 100) String holderName, @Size(max = 200) String password) {
    }

    @GetMapping("/me/bank-account")
    @Operation(summary = "Your bank account for payouts, whether it is verified, and how to verify it (transfer any amount from it, "
            + "with the reference given, to the platform's account)")
    BankAccountView mine(@AuthenticationPrincipal CurrentUser user) {
        long id = user.require(Role.WORKER).id();
        return BankAccountView.of(bankAccounts.of(BankAccount.Owner.WORKER, id).orElse(null), platform, PaymentReference.worker(id));
    }

    @PutMapping("/me/bank-account")
    @Operation(summary = "Give or change your bank account (IBAN and the holder's name as the bank knows it), confirmed with your "
            + "password. A changed account must be verified again before the next payout.")
    BankAccountView setMine(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody BankAccountChange change, HttpServletRequest http) {
        BankAccount account = bankAccounts.setOwn(user, change.iban(), change.holderName(), change.password(), http.getRemoteAddr());
        return BankAccountView.of(account, platform, PaymentReference.worker(user.id()));
    }

    @GetMapping("/organisation/bank-account")
    @Operation(summary = "How to top up your organisation's balance: the platform's account and your organisation's payment reference; "
            + "and the account your organisation pays from, if given")
    BankAccountView organisation(@AuthenticationPrincipal CurrentUser user) {
        long org = user.require(Role.REQUESTER).organisation();
        return BankAccountView.of(bankAccounts.of(BankAccount.Owner.ORGANISATION, org).orElse(null), platform, PaymentReference.organisation(org));
    }

    @PutMapping("/organisation/bank-account")
    @Operation(summary = "Give or change the account your organisation pays from, confirmed with your password. Once verified, "
            + "transfers from it are credited even without the reference.")
    BankAccountView setOrganisation(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody BankAccountChange change, HttpServletRequest http) {
        BankAccount account = bankAccounts.setOrganisation(user, change.iban(), change.holderName(), change.password(), http.getRemoteAddr());
        return BankAccountView.of(account, platform, PaymentReference.organisation(user.organisation()));
    }
}
