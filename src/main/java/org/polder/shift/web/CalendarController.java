package org.polder.shift.web;

import org.polder.account.CurrentUser;
import org.polder.common.NotFoundException;
import org.polder.common.Texts;
import org.polder.shift.Calendars;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The calendar feed a calendar program subscribes to (its token is its only key), and making a new address. */
@Controller
class CalendarController {

    /** The feed's addresses: the web address, and the same as {@code webcal:} that opens a calendar app. */
    record Address(String https, String webcal) {
    }

    static Address address(String token) {
        String url = ServletUriComponentsBuilder.fromCurrentContextPath().path("/calendar/" + token + ".ics").toUriString();
        return new Address(url, url.replaceFirst("^https?:", "webcal:"));
    }

    private final Calendars calendars;
    private final Texts texts;

    CalendarController(Calendars calendars, Texts texts) {
        this.calendars = calendars;
        this.texts = texts;
    }

    @GetMapping("/calendar/{token}.ics")
    ResponseEntity<String> feed(@PathVariable String token) {
        String ics = calendars.feed(token).orElseThrow(() -> new NotFoundException("Calendar", token.length() > 8 ? token.substring(0, 8) + "…" : token));
        return ResponseEntity.ok().contentType(new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8))
                .header("Cache-Control", "private, max-age=300").body(ics);
    }

    @PostMapping("/calendar/renew")
    String renew(@AuthenticationPrincipal CurrentUser user, @RequestHeader(value = "Referer", required = false) String from,
                 RedirectAttributes redirect) {
        calendars.renew(user);
        redirect.addFlashAttribute("flash", texts.get("calendar.renewed"));
        return "redirect:" + (from != null && from.contains("/requester/") ? "/requester/shifts" : "/me/shifts");
    }
}
