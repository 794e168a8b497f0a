package org.polder.errand.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.polder.account.CurrentUser;
import org.polder.errand.CourierTeams;
import org.polder.errand.Dispatch;
import org.polder.errand.DispatchBoard;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Dispatching by people: the board, hand assignments, the team of couriers and each store's default couriers. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Dispatching")
class DispatchApiController {

    private final DispatchBoard board;
    private final CourierTeams teams;

    DispatchApiController(DispatchBoard board, CourierTeams teams) {
        this.board = board;
        this.teams = teams;
    }

    @GetMapping("/dispatch/board")
    @Operation(summary = "Your errands waiting for a courier (with the offer running and the team's couriers on duty, nearest first), "
            + "the team's couriers and their loads, invitations and stores")
    DispatchBoard.View board(@AuthenticationPrincipal CurrentUser user) {
        return board.board(user);
    }

    record DispatchSettings(boolean selfDispatch) {
    }

    @PutMapping("/dispatch/settings")
    @Operation(summary = "{\"selfDispatch\": true}: your errands are no longer offered to couriers nearby by the rule, only to your stores' "
            + "default couriers; the rest wait on your board for your dispatcher or a courier of your team")
    DispatchSettings settings(@AuthenticationPrincipal CurrentUser user, @RequestBody DispatchSettings settings) {
        return new DispatchSettings(teams.setSelfDispatch(user, settings.selfDispatch()));
    }

    record Assignment(Long workerId, String reason) {
    }

    @PostMapping("/dispatch/errands/{id}/assign")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Ask a courier of your team to take the errand, with a reason they read; they have two minutes to answer and may "
            + "decline without anything held against them")
    Dispatch.Offer assign(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody Assignment a) {
        if (a.workerId() == null) {
            throw org.polder.common.DomainException.invalid("workerId: the courier to ask").code("problem.dispatch.courier");
        }
        return board.assign(user, id, a.workerId(), a.reason());
    }

    @GetMapping("/dispatch/team")
    @Operation(summary = "Your team of couriers: members and invitations")
    List<CourierTeams.Member> team(@AuthenticationPrincipal CurrentUser user) {
        return teams.members(user);
    }

    record Invitation(String username) {
    }

    @PostMapping("/dispatch/team")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Invite a courier by username; they are on the team once they accept")
    CourierTeams.Member invite(@AuthenticationPrincipal CurrentUser user, @RequestBody Invitation i) {
        return teams.invite(user, i.username());
    }

    @DeleteMapping("/dispatch/team/{workerId}")
    @Operation(summary = "Take a courier off the team, or withdraw the invitation")
    ResponseEntity<Void> remove(@AuthenticationPrincipal CurrentUser user, @PathVariable long workerId) {
        teams.remove(user, workerId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/dispatch/stores")
    @Operation(summary = "Your saved places with their default couriers, asked first for errands picked up within 150 m")
    List<CourierTeams.Store> stores(@AuthenticationPrincipal CurrentUser user) {
        return teams.stores(user);
    }

    record StoreCouriers(List<Long> workerIds) {
    }

    @PutMapping("/dispatch/stores/{placeId}/couriers")
    @Operation(summary = "Set a store's default couriers, in the order they are asked (members of your team, at most 10)")
    CourierTeams.Store storeCouriers(@AuthenticationPrincipal CurrentUser user, @PathVariable long placeId, @RequestBody StoreCouriers s) {
        return teams.setStoreCouriers(user, placeId, s.workerIds());
    }
}
