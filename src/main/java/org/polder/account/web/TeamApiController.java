package org.polder.account.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.polder.account.CurrentUser;
import org.polder.account.MemberRole;
import org.polder.account.Teams;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Team", description = "An organisation's members and their roles (owner, manager, finance, viewer), invitations, API keys")
class TeamApiController {

    private final Teams teams;

    TeamApiController(Teams teams) {
        this.teams = teams;
    }

    @GetMapping("/api/v1/organisation/members")
    @Operation(summary = "Your organisation's members and their roles (any member)")
    List<Teams.Member> members(@AuthenticationPrincipal CurrentUser user) {
        return teams.members(user);
    }

    record RoleChange(MemberRole role) {
    }

    @PutMapping("/api/v1/organisation/members/{id}/role")
    @Operation(summary = "Give a member another role (owners); the organisation always keeps an owner")
    Teams.Member setRole(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody RoleChange change) {
        return teams.setRole(user, id, change == null ? null : change.role());
    }

    @DeleteMapping("/api/v1/organisation/members/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a member (owners): their access ends, their tokens and the keys they made are revoked")
    void remove(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        teams.remove(user, id);
    }

    record InvitationRequest(MemberRole role, String email) {
    }

    @PostMapping("/api/v1/organisation/invitations")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Invite someone with a role (owners): returns the link (once; it works for seven days); mailed where an email is given")
    Teams.NewInvitation invite(@AuthenticationPrincipal CurrentUser user, @RequestBody InvitationRequest request) {
        return teams.invite(user, request == null ? null : request.role(), request == null ? null : request.email());
    }

    @GetMapping("/api/v1/organisation/invitations")
    @Operation(summary = "Invitations made, and whether they are open, accepted, withdrawn or expired (owners)")
    List<Teams.Invitation> invitations(@AuthenticationPrincipal CurrentUser user) {
        return teams.invitations(user);
    }

    @DeleteMapping("/api/v1/organisation/invitations/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Withdraw an open invitation (owners)")
    void withdraw(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        teams.withdraw(user, id);
    }

    @PostMapping("/api/v1/invitations/{token}/accept")
    @Operation(summary = "Accept an invitation with the account you are logged in with (one not yet in an organisation)")
    Teams.Member accept(@AuthenticationPrincipal CurrentUser user, @PathVariable String token) {
        return teams.accept(user, token);
    }

    record KeyRequest(String name, MemberRole scope, Integer days) {
    }

    @PostMapping("/api/v1/organisation/keys")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Make an API key for the organisation (owners): a name, a scope (a member role), 1-365 days (default 90). "
            + "The key is returned once; use it as a bearer token. It acts as the owner who made it, with its scope.")
    Teams.NewKey makeKey(@AuthenticationPrincipal CurrentUser user, @RequestBody KeyRequest request) {
        return teams.makeKey(user, request == null ? null : request.name(), request == null ? null : request.scope(),
                request == null ? null : request.days());
    }

    @GetMapping("/api/v1/organisation/keys")
    @Operation(summary = "The organisation's API keys (owners): never the keys themselves, only their last four characters")
    List<Teams.Key> keys(@AuthenticationPrincipal CurrentUser user) {
        return teams.keys(user);
    }

    @DeleteMapping("/api/v1/organisation/keys/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke an API key at once (owners)")
    void revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        teams.revokeKey(user, id);
    }
}
