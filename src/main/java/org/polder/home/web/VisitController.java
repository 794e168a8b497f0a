package org.polder.home.web;

import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.Texts;
import org.polder.home.Bookings;
import org.polder.home.HomeProfile;
import org.polder.home.HomeProfiles;
import org.polder.home.HomeService;
import org.polder.home.Visits;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** A worker's pages for help at home: their visits (check in, alarm, check out), open bookings that fit, and their offer. */
@Controller
class VisitController {

    private final Visits visits;
    private final Bookings bookings;
    private final HomeProfiles profiles;
    private final Texts texts;
    private final java.time.Clock clock;

    VisitController(Visits visits, Bookings bookings, HomeProfiles profiles, Texts texts, java.time.Clock clock) {
        this.visits = visits;
        this.bookings = bookings;
        this.profiles = profiles;
        this.texts = texts;
        this.clock = clock;
    }

    @GetMapping("/me/visits")
    String mine(@AuthenticationPrincipal CurrentUser user, Model model) {
        user.require(Role.WORKER);
        List<Visits.Planned> mine = visits.mine(user);
        model.addAttribute("visits", mine);
        // Ending a weekly booking is offered once, at its next visit.
        java.util.Map<Long, Long> first = new java.util.LinkedHashMap<>();
        mine.stream().filter(p -> p.visit().state() == org.polder.home.Visit.State.PLANNED)
                .forEach(p -> first.putIfAbsent(p.booking().id(), p.visit().id()));
        model.addAttribute("firstPlanned", java.util.Set.copyOf(first.values()));
        model.addAttribute("offer", profiles.of(user).orElse(null));
        model.addAttribute("openings", bookings.open(user).size());
        model.addAttribute("now", clock.instant());
        return "home/visits";
    }

    @GetMapping("/home/openings")
    String openings(@AuthenticationPrincipal CurrentUser user, Model model) {
        user.require(Role.WORKER);
        model.addAttribute("openings", bookings.open(user));
        model.addAttribute("offer", profiles.of(user).orElse(null));
        return "home/openings";
    }

    @PostMapping("/home/bookings/{id}/take")
    String take(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        String back = act(redirect, "home.visits.taken", "/home/openings", () -> bookings.take(user, id));
        return redirect.getFlashAttributes().containsKey("error") ? back : "redirect:/me/visits";
    }

    @PostMapping("/me/home-bookings/{id}/end")
    String end(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) String reason,
               RedirectAttributes redirect) {
        user.require(Role.WORKER);
        return act(redirect, "home.visits.ended", "/me/visits", () -> bookings.endBooking(user, id, reason));
    }

    @PostMapping("/me/visits/{id}/give-back")
    String giveBack(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) String reason,
                    RedirectAttributes redirect) {
        user.require(Role.WORKER);
        return act(redirect, "home.visits.givenBack", "/me/visits", () -> bookings.giveBack(user, id, reason));
    }

    @PostMapping("/me/visits/{id}/accept-hours")
    String acceptHours(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        return act(redirect, "home.visits.hoursAccepted", "/me/visits#visit-" + id, () -> visits.acceptQuestion(user, id));
    }

    @PostMapping("/me/visits/{id}/check-in")
    String checkIn(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) Double latitude,
                   @RequestParam(required = false) Double longitude, RedirectAttributes redirect) {
        return act(redirect, "home.visits.checkedIn", "/me/visits#visit-" + id,
                () -> visits.checkIn(user, id, new Visits.VisitPosition(latitude, longitude)));
    }

    @PostMapping("/me/visits/{id}/alarm")
    String alarm(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        try {
            Visits.Alarm a = visits.alarm(user, id);
            redirect.addFlashAttribute("flash", texts.get("home.visits.alarmSent", String.join(", ", a.reached().stream()
                    .map(r -> r.equals("moderators") ? texts.get("home.visits.moderators") : r).toList())));
        } catch (DomainException e) {
            if (e.status().value() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:/me/visits#visit-" + id;
    }

    @PostMapping("/me/visits/{id}/check-out")
    String checkOut(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) Integer minutes,
                    @RequestParam(required = false) Boolean feltSafe, @RequestParam(required = false) String whatHappened,
                    RedirectAttributes redirect) {
        return act(redirect, "home.visits.checkedOut", "/me/visits#visit-" + id, () -> visits.checkOut(user, id, minutes, feltSafe, whatHappened));
    }

    @GetMapping("/me/home-offer")
    String offer(@AuthenticationPrincipal CurrentUser user, Model model) {
        user.require(Role.WORKER);
        HomeProfile p = profiles.of(user).orElse(null);
        model.addAttribute("offer", p);
        model.addAttribute("services", HomeService.values());
        List<Map<String, Object>> days = new ArrayList<>();
        for (int d = 1; d <= 7; d++) {
            int day = d;
            HomeProfile.WeeklySlot s = p == null ? null : p.availability().stream().filter(x -> x.dayOfWeek() == day).findFirst().orElse(null);
            String name = java.time.DayOfWeek.of(d).getDisplayName(java.time.format.TextStyle.FULL,
                    org.springframework.context.i18n.LocaleContextHolder.getLocale());
            days.add(Map.of("name", name, "number", d, "from", s == null ? "" : time(s.fromMinute()),
                    "until", s == null ? "" : time(s.untilMinute()), "fromLabel", texts.get("home.offer.fromDay", name),
                    "untilLabel", texts.get("home.offer.untilDay", name)));
        }
        model.addAttribute("days", days);
        return "home/offer";
    }

    @PostMapping("/me/home-offer")
    String setOffer(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) List<String> services,
                    @RequestParam(required = false) String area, @RequestParam(required = false) Double latitude,
                    @RequestParam(required = false) Double longitude, @RequestParam(required = false) Integer areaKm,
                    @RequestParam Map<String, String> form, Locale locale, RedirectAttributes redirect) {
        return act(redirect, "home.offer.saved", "/me/home-offer", () -> {
            List<HomeProfile.WeeklySlot> slots = new ArrayList<>();
            for (int d = 1; d <= 7; d++) {
                String from = form.get("from" + d);
                String until = form.get("until" + d);
                if (from == null || from.isBlank() || until == null || until.isBlank()) {
                    continue;
                }
                try {
                    LocalTime f = LocalTime.parse(from);
                    LocalTime u = LocalTime.parse(until);
                    slots.add(new HomeProfile.WeeklySlot(d, f.getHour() * 60 + f.getMinute(), u.getHour() * 60 + u.getMinute()));
                } catch (DateTimeParseException e) {
                    throw DomainException.invalid("availability: a time such as 09:00").code("problem.home.slot");
                }
            }
            return profiles.set(user, new HomeProfiles.HomeOffer(services, area, latitude, longitude, areaKm, slots, form.get("contactName"),
                    form.get("contactPhone"), form.get("contactEmail"), form.get("contactUsername")), locale);
        });
    }

    private static String time(int minute) {
        return String.format(Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
    }

    private String act(RedirectAttributes redirect, String done, String back, Supplier<?> action) {
        try {
            action.get();
            redirect.addFlashAttribute("flash", texts.get(done));
        } catch (DomainException e) {
            if (e.status().value() == 403 && e.code() == null || e.status().value() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:" + back;
    }
}
