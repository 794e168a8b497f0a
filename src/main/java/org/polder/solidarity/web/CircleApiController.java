package org.polder.solidarity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.polder.account.CurrentUser;
import org.polder.common.NotFoundException;
import org.polder.solidarity.CircleFunds;
import org.polder.solidarity.CircleSummary;
import org.polder.solidarity.Circles;
import org.polder.solidarity.MyCircle;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

@RestController
@Tag(name = "Sick-pay circles", description = "For workers: circles (a broodfonds) whose members give each other a monthly gift when ill; only members see inside")
class CircleApiController {

    private final Circles circles;
    private final CircleFunds funds;

    CircleApiController(Circles circles, CircleFunds funds) {
        this.circles = circles;
        this.funds = funds;
    }

    @GetMapping("/api/v1/circles")
    @Operation(summary = "Circles a worker can apply to: name, members, whether it gives gifts yet")
    List<CircleSummary> list(@AuthenticationPrincipal CurrentUser user) {
        return circles.list(user);
    }

    record CircleMembership(Integer tier, Boolean autoContribute) {
    }

    record CircleFounding(String name, Integer tier, Boolean autoContribute) {
    }

    @PostMapping("/api/v1/circles")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Found a circle; you are its first member and its reviewer until the members choose one")
    MyCircle found(@AuthenticationPrincipal CurrentUser user, @RequestBody CircleFounding body) {
        return circles.found(user, body == null ? null : body.name(), body == null ? null : body.tier(), body != null && Boolean.TRUE.equals(body.autoContribute()));
    }

    @PostMapping("/api/v1/circles/{id}/applications")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Apply to a circle with a contribution tier (1 to 4); its members vote on it")
    MyCircle apply(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody CircleMembership body) {
        return circles.apply(user, id, body == null ? null : body.tier(), body != null && Boolean.TRUE.equals(body.autoContribute()));
    }

    @GetMapping("/api/v1/circles/mine")
    @Operation(summary = "Your circle as its members see it: balance, members, votes, illnesses and gifts (404 when you are in none)")
    MyCircle mine(@AuthenticationPrincipal CurrentUser user) {
        return circles.mine(user).orElseThrow(() -> new NotFoundException("Circle", "yours"));
    }

    @PutMapping("/api/v1/circles/mine/settings")
    @Operation(summary = "Change your tier or whether your contribution is set aside from your balance by itself")
    MyCircle settings(@AuthenticationPrincipal CurrentUser user, @RequestBody CircleMembership body) {
        return circles.settings(user, body == null ? null : body.tier(), body != null && Boolean.TRUE.equals(body.autoContribute()));
    }

    record CircleBallot(Boolean yes) {
    }

    @PostMapping("/api/v1/circles/mine/motions/{id}/votes")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Vote yes or no on an application or a reviewer; carried by more than half of all members (secret ballot)")
    MyCircle vote(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody CircleBallot body) {
        return circles.vote(user, id, body == null ? null : body.yes());
    }

    record ReviewerNomination(Long memberId) {
    }

    @PostMapping("/api/v1/circles/mine/reviewer-nominations")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Propose a member as the circle's reviewer of gifts; the members vote")
    MyCircle nominate(@AuthenticationPrincipal CurrentUser user, @RequestBody ReviewerNomination body) {
        return circles.nominateReviewer(user, body == null || body.memberId() == null ? 0 : body.memberId());
    }

    @PostMapping("/api/v1/circles/mine/contributions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Pay the oldest month's contribution still due from your balance")
    Map<String, LocalDate> contribute(@AuthenticationPrincipal CurrentUser user) {
        return Map.of("month", funds.contribute(user));
    }

    record IllnessReport(LocalDate startsOn) {
    }

    @PostMapping("/api/v1/circles/mine/illnesses")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "IllnessReport that you are ill from a day (today or up to 14 days back); only a date is kept, never why")
    MyCircle.Illness reportSick(@AuthenticationPrincipal CurrentUser user, @RequestBody IllnessReport body) {
        return funds.reportSick(user, body == null ? null : body.startsOn());
    }

    record IllnessRecovery(LocalDate endsOn) {
    }

    @PostMapping("/api/v1/circles/mine/illnesses/{id}/recovery")
    @Operation(summary = "IllnessReport well again (the member themselves, or the reviewer)")
    MyCircle.Illness reportWell(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody IllnessRecovery body) {
        return funds.reportWell(user, id, body == null ? null : body.endsOn());
    }

    @PostMapping("/api/v1/circles/mine/illnesses/{id}/gifts")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "For the reviewer: confirm the month's gift that is due; the other members' reserves give it in equal shares")
    MyCircle.Gift gift(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return funds.giveGift(user, id);
    }

    @PostMapping("/api/v1/circles/mine/leave")
    @Operation(summary = "Leave your circle (or withdraw your application); what is left of your reserve comes back to your balance")
    Map<String, String> leave(@AuthenticationPrincipal CurrentUser user) {
        circles.leave(user);
        return Map.of("left", "yes");
    }
}
