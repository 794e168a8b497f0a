package org.polder.errand.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.polder.account.CurrentUser;
import org.polder.errand.Duty;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Couriers", description = "Couriers: on and off duty, positions while on duty only; offers and the steps of an errand")
class DutyApiController {

    private final Duty duty;

    DutyApiController(Duty duty) {
        this.duty = duty;
    }

    @GetMapping("/duty")
    @Operation(summary = "Whether you are on duty, and since when")
    Duty.Status status(@AuthenticationPrincipal CurrentUser user) {
        return duty.status(user);
    }

    record DutyRequest(Boolean onDuty) {
    }

    @PostMapping("/duty")
    @Operation(summary = "Go on duty ({\"onDuty\": true}) or off duty; time on duty counts as active time, waiting included")
    Duty.Status change(@AuthenticationPrincipal CurrentUser user, @RequestBody(required = false) DutyRequest request) {
        return request != null && Boolean.TRUE.equals(request.onDuty()) ? duty.goOnDuty(user) : duty.goOffDuty(user);
    }

    record PositionRequest(Double latitude, Double longitude) {
    }

    @PostMapping("/position")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Your position, while on duty only: off duty it is refused with 409 and nothing is stored")
    void position(@AuthenticationPrincipal CurrentUser user, @RequestBody(required = false) PositionRequest request) {
        duty.position(user, request == null ? null : request.latitude(), request == null ? null : request.longitude());
    }
}
