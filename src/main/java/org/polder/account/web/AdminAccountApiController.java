package org.polder.account.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.polder.account.AccountView;
import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.polder.account.Organisation;
import org.polder.account.Role;
import org.polder.common.Page;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Set;

/** Accounts, roles and organisations, for admins only (checked by the security rules on /api/v1/admin). */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Admin: accounts")
class AdminAccountApiController {

    private final Accounts accounts;

    AdminAccountApiController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/accounts")
    @Operation(summary = "All accounts, paged")
    Page<AccountView> accounts(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return accounts.list(page, size);
    }

    record RolesRequest(@NotEmpty Set<Role> roles, Long organisationId) {
    }

    @PutMapping("/accounts/{id}/roles")
    @Operation(summary = "Set the roles of an account (and its organisation, for requesters)")
    AccountView roles(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id, @Valid @RequestBody RolesRequest request) {
        return accounts.setRoles(admin.id(), id, request.roles(), request.organisationId());
    }

    @GetMapping("/organisations")
    @Operation(summary = "All organisations")
    List<Organisation> organisations() {
        return accounts.organisations();
    }

    record OrganisationRequest(@NotBlank @Size(max = 200) String name) {
    }

    @PostMapping("/organisations")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Open an organisation")
    Organisation create(@Valid @RequestBody OrganisationRequest request) {
        return accounts.createOrganisation(request.name());
    }
}
