package org.polder.account.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.polder.account.AccountView;
import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.account.IssuedToken;
import org.polder.account.Registration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Accounts", description = "Registration, API tokens, and who am I")
class AccountApiController {

    private final Accounts accounts;

    AccountApiController(Accounts accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/accounts")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @Operation(summary = "Register as a worker, or as a requester opening an organisation")
    ResponseEntity<AccountView> register(@Valid @RequestBody Registration registration) {
        AccountView account = accounts.register(registration);
        return ResponseEntity.created(URI.create("/api/v1/me")).body(account);
    }

    record TokenRequest(@NotBlank String username, @NotBlank String password) {
    }

    record PasswordChange(@NotBlank String currentPassword, @NotBlank String newPassword) {
    }

    @org.springframework.web.bind.annotation.PutMapping("/me/password")
    @Operation(summary = "Change your password: every token of your account (this one too) stops working, and every web session ends")
    ResponseEntity<Void> changePassword(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody PasswordChange change,
                                        jakarta.servlet.http.HttpServletRequest http) {
        accounts.changePassword(user, change.currentPassword(), change.newPassword(), http.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/auth/token")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @Operation(summary = "Exchange username and password for a bearer token (valid 30 days)")
    ResponseEntity<IssuedToken> token(@Valid @RequestBody TokenRequest request, jakarta.servlet.http.HttpServletRequest http) {
        return ResponseEntity.status(HttpStatus.CREATED).body(accounts.issueToken(request.username(), request.password(), http.getRemoteAddr()));
    }

    @DeleteMapping("/auth/token")
    @Operation(summary = "Revoke the bearer token this request carries")
    ResponseEntity<Void> revoke(@RequestHeader("Authorization") String authorization) {
        accounts.revokeToken(authorization.substring("Bearer ".length()).strip());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/me")
    @Operation(summary = "The account behind the token")
    AccountView me(@AuthenticationPrincipal CurrentUser user, org.springframework.security.core.Authentication authentication) {
        // A token request carries the account as it was read with the token, in this request.
        if (authentication.getDetails() instanceof AccountView account && account.id() == user.id()) {
            return account;
        }
        return accounts.view(user.id());
    }
}
