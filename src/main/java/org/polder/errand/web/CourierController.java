package org.polder.errand.web;

import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.Texts;
import org.polder.errand.CourierTeams;
import org.polder.errand.Delivery;
import org.polder.errand.DispatchBoard;
import org.polder.errand.Dispatch;
import org.polder.errand.Duty;
import org.polder.errand.Errand;
import org.polder.errand.Position;
import org.polder.errand.Pricing;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.util.Base64;
import java.util.Set;

/**
 * The courier's page, made for a phone: on and off duty, the position sent by the phone while on duty
 * (or typed in), the running offer with its countdown, and the errand under way, step by step.
 */
@Controller
class CourierController {

    private static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/webp");

    private final Duty duty;
    private final Dispatch dispatch;
    private final Delivery delivery;
    private final Pricing pricing;
    private final Texts texts;

    private final MapTiles tiles;
    private final CourierStream stream;
    private final org.polder.address.Addresses addresses;
    private final DispatchBoard board;
    private final CourierTeams teams;

    CourierController(DispatchBoard board, CourierTeams teams, org.polder.address.Addresses addresses, CourierStream stream, MapTiles tiles, Duty duty, Dispatch dispatch, Delivery delivery,
                      Pricing pricing, Texts texts) {
        this.board = board;
        this.teams = teams;
        this.addresses = addresses;
        this.tiles = tiles;
        this.stream = stream;
        this.duty = duty;
        this.dispatch = dispatch;
        this.delivery = delivery;
        this.pricing = pricing;
        this.texts = texts;
    }

    @GetMapping("/courier")
    String page(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("history", delivery.history(user).stream().filter(e -> e.state().ended()).limit(20).toList());
        model.addAttribute("teams", teams.mine(user));
        live(user, model);
        return "errand/courier";
    }

    @PostMapping("/courier/board/{id}/pick")
    String pick(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        if (texts.orFlash(redirect, () -> board.pick(user, id)) != null) {
            redirect.addFlashAttribute("flash", texts.get("courier.acceptedFlash"));
        }
        return "redirect:/courier";
    }

    @PostMapping("/courier/teams/{organisationId}/join")
    String join(@AuthenticationPrincipal CurrentUser user, @PathVariable long organisationId, RedirectAttributes redirect) {
        CourierTeams.Team t = teams.join(user, organisationId);
        redirect.addFlashAttribute("flash", texts.get("courier.team.joinedFlash", t.organisation()));
        return "redirect:/courier";
    }

    @PostMapping("/courier/teams/{organisationId}/leave")
    String leave(@AuthenticationPrincipal CurrentUser user, @PathVariable long organisationId, RedirectAttributes redirect) {
        teams.leave(user, organisationId);
        redirect.addFlashAttribute("flash", texts.get("courier.team.leftFlash"));
        return "redirect:/courier";
    }

    /** Tells the open page when an offer is made for this courier ({@link CourierStream}). */
    @GetMapping(value = "/courier/events", produces = "text/event-stream")
    @ResponseBody
    SseEmitter events(@AuthenticationPrincipal CurrentUser user) {
        return stream.open(user.require(Role.WORKER).id());
    }

    /** The part that refreshes itself every few seconds: the offer, or the errand under way. */
    @GetMapping("/courier/live")
    String live(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("duty", duty.status(user));
        model.addAttribute("offer", dispatch.current(user).orElse(null));
        Errand.CourierView current = delivery.current(user).orElse(null);
        model.addAttribute("current", current);
        model.addAttribute("ride", current == null ? java.util.List.of() : delivery.rideOf(user, current));
        model.addAttribute("board", current == null ? board.open(user) : java.util.List.of());
        if (current != null) {
            Position me = duty.lastPosition(user).orElse(null);
            model.addAttribute("map", MapView.of(current.pickup(), current.dropoff(), me, pricing.current().rules().zones(), tiles));
        }
        return "errand/courier :: live";
    }

    @PostMapping("/courier/duty")
    String duty(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "false") boolean onDuty, RedirectAttributes redirect) {
        if (texts.orFlash(redirect, () -> onDuty ? duty.goOnDuty(user) : duty.goOffDuty(user)) != null) {
            redirect.addFlashAttribute("flash", texts.get(onDuty ? "courier.onDutyFlash" : "courier.offDutyFlash"));
        }
        return "redirect:/courier";
    }

    /** From the phone's location (sent by courier.js, answered with 204) or typed in (answered with the page). */
    @PostMapping("/courier/position")
    Object position(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Double latitude,
                    @RequestParam(required = false) Double longitude, @RequestParam(required = false) String address,
                    @RequestHeader(value = "X-Polder-Background", required = false) String background,
                    RedirectAttributes redirect, java.util.Locale locale) {
        if (background != null) {
            duty.position(user, latitude, longitude);
            return ResponseEntity.noContent().build();
        }
        // Where the phone gives no location, the courier says where they are: an address (found by search), or coordinates.
        if (texts.orFlash(redirect, () -> {
            if ((latitude == null || longitude == null) && address != null && !address.isBlank()) {
                org.polder.address.Found here = addresses.locate("address", address, null, null, null, locale);
                duty.position(user, here.latitude(), here.longitude());
            } else {
                duty.position(user, latitude, longitude);
            }
            return true;
        }) != null) {
            redirect.addFlashAttribute("flash", texts.get("courier.positionFlash"));
        }
        return "redirect:/courier";
    }

    @PostMapping("/courier/offers/{id}/accept")
    String accept(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        if (texts.orFlash(redirect, () -> dispatch.accept(user, id)) != null) {
            redirect.addFlashAttribute("flash", texts.get("courier.acceptedFlash"));
        }
        return "redirect:/courier";
    }

    @PostMapping("/courier/offers/{id}/decline")
    String decline(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        if (texts.orFlash(redirect, () -> {
            dispatch.decline(user, id);
            return true;
        }) != null) {
            redirect.addFlashAttribute("flash", texts.get("courier.declinedFlash"));
        }
        return "redirect:/courier";
    }

    @PostMapping("/courier/errands/{id}/status")
    String status(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam Errand.State status, RedirectAttributes redirect) {
        texts.orFlash(redirect, () -> delivery.advance(user, id, status));
        return "redirect:/courier";
    }

    @PostMapping("/courier/errands/{id}/deliver")
    String deliver(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) String pin,
                   @RequestParam(required = false) MultipartFile photo, @RequestParam(required = false) String signature,
                   RedirectAttributes redirect) {
        if (texts.orFlash(redirect, () -> delivery.deliver(user, id, new Delivery.Proof(pin, dataUrl(photo), signature))) != null) {
            redirect.addFlashAttribute("flash", texts.get("courier.deliveredFlash"));
        }
        return "redirect:/courier";
    }

    /** An uploaded photo as a data URL; anything but PNG, JPEG or WebP is left for the proof check to refuse. */
    private static String dataUrl(MultipartFile photo) {
        if (photo == null || photo.isEmpty() || photo.getContentType() == null || !IMAGE_TYPES.contains(photo.getContentType())) {
            return null;
        }
        try {
            return "data:" + photo.getContentType() + ";base64," + Base64.getEncoder().encodeToString(photo.getBytes());
        } catch (IOException e) {
            return null;
        }
    }

    @PostMapping("/courier/errands/{id}/fail")
    String fail(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) String reason,
                RedirectAttributes redirect) {
        if (texts.orFlash(redirect, () -> delivery.fail(user, id, reason)) != null) {
            redirect.addFlashAttribute("flash", texts.get("courier.failedFlash"));
        }
        return "redirect:/courier";
    }
}
