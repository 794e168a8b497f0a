package org.polder.errand.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.polder.account.CurrentUser;
import org.polder.errand.Delivery;
import org.polder.errand.Dispatch;
import org.polder.errand.Errand;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Couriers: the offer running for them, and the errands they accepted. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Couriers")
class CourierApiController {

    private final Dispatch dispatch;
    private final Delivery delivery;
    private final org.polder.errand.DispatchBoard board;
    private final org.polder.errand.CourierTeams teams;

    CourierApiController(Dispatch dispatch, Delivery delivery, org.polder.errand.DispatchBoard board, org.polder.errand.CourierTeams teams) {
        this.dispatch = dispatch;
        this.delivery = delivery;
        this.board = board;
        this.teams = teams;
    }

    @GetMapping("/courier/board")
    @Operation(summary = "Errands waiting on the open boards of the teams you are on (teams that dispatch themselves), with your distance to each pickup")
    List<org.polder.errand.DispatchBoard.Open> board(@AuthenticationPrincipal CurrentUser user) {
        return board.open(user);
    }

    @PostMapping("/courier/board/{errandId}/pick")
    @Operation(summary = "Take an errand from your team's open board: it is yours at once; 409 when someone has it or is being asked")
    Errand.CourierView pick(@AuthenticationPrincipal CurrentUser user, @PathVariable long errandId) {
        return board.pick(user, errandId);
    }

    @GetMapping("/me/courier-teams")
    @Operation(summary = "The teams of couriers you are on or invited to")
    List<org.polder.errand.CourierTeams.Team> teams(@AuthenticationPrincipal CurrentUser user) {
        return teams.mine(user);
    }

    @PostMapping("/me/courier-teams/{organisationId}/join")
    @Operation(summary = "Accept a team's invitation: its dispatchers then see whether you are free and how far you are from a pickup while you are on duty")
    org.polder.errand.CourierTeams.Team join(@AuthenticationPrincipal CurrentUser user, @PathVariable long organisationId) {
        return teams.join(user, organisationId);
    }

    @DeleteMapping("/me/courier-teams/{organisationId}")
    @Operation(summary = "Leave a team, or decline its invitation")
    ResponseEntity<Void> leave(@AuthenticationPrincipal CurrentUser user, @PathVariable long organisationId) {
        teams.leave(user, organisationId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/me/errand-offer")
    @Operation(summary = "The offer running for you (204 when none): pay, pickup, drop-off, distance, and until when you can answer")
    ResponseEntity<Dispatch.Offer> offer(@AuthenticationPrincipal CurrentUser user) {
        return dispatch.current(user).map(ResponseEntity::ok).orElse(ResponseEntity.noContent().build());
    }

    @PostMapping("/errand-offers/{id}/accept")
    @Operation(summary = "Accept an offer while it runs; 409 when it has ended or someone else has the errand")
    Errand.CourierView accept(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return dispatch.accept(user, id);
    }

    @PostMapping("/errand-offers/{id}/decline")
    @Operation(summary = "Decline an offer; it passes to the next courier, and nothing is held against you")
    ResponseEntity<Void> decline(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        dispatch.decline(user, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/courier/errands")
    @Operation(summary = "The errands you accepted, latest first")
    List<Errand.CourierView> mine(@AuthenticationPrincipal CurrentUser user) {
        return delivery.history(user);
    }

    @GetMapping("/courier/errands/{id}")
    @Operation(summary = "An errand you accepted")
    Errand.CourierView get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return delivery.mine(user, id);
    }

    record StatusRequest(Errand.State status) {
    }

    @PostMapping("/courier/errands/{id}/status")
    @Operation(summary = "The next step: AT_PICKUP, PICKED_UP or AT_DROPOFF, in that order")
    Errand.CourierView status(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody(required = false) StatusRequest request) {
        return delivery.advance(user, id, request == null ? null : request.status());
    }

    @PostMapping("/courier/errands/{id}/deliver")
    @Operation(summary = "Delivered, with the proof asked for: {\"pin\"} from the receiver, or a {\"photo\"} or {\"signature\"} as a data URL; you are paid at once")
    Errand.CourierView deliver(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody(required = false) Delivery.Proof proof) {
        return delivery.deliver(user, id, proof);
    }

    record FailRequest(String reason) {
    }

    @PostMapping("/courier/errands/{id}/fail")
    @Operation(summary = "Cannot complete it: before the pickup this hands it back at no cost; at the pickup you get the cancellation share, after it all of the pay")
    Errand.CourierView fail(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody(required = false) FailRequest request) {
        return delivery.fail(user, id, request == null ? null : request.reason());
    }
}
