package org.polder.home.web;

import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.Texts;
import org.polder.home.Booking;
import org.polder.home.Bookings;
import org.polder.home.HomeService;
import org.polder.home.HomeSettings;
import org.polder.home.HouseholdStatements;
import org.polder.home.Visits;
import org.polder.ledger.Money;
import org.polder.work.PayFloor;
import org.polder.work.WorkKind;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Supplier;

/** A household's pages: its home, booking help, its bookings and visits, and its statement. */
@Controller
class HouseholdController {

    private final Bookings bookings;
    private final Visits visits;
    private final HouseholdStatements statements;
    private final PayFloor floor;
    private final HomeSettings settings;
    private final Texts texts;
    private final Clock clock;
    private final org.polder.common.PdfPages pdf;

    HouseholdController(org.polder.common.PdfPages pdf, Bookings bookings, Visits visits, HouseholdStatements statements, PayFloor floor, HomeSettings settings,
                        Texts texts, Clock clock) {
        this.pdf = pdf;
        this.bookings = bookings;
        this.visits = visits;
        this.statements = statements;
        this.floor = floor;
        this.settings = settings;
        this.texts = texts;
        this.clock = clock;
    }

    @GetMapping("/household")
    String household(@AuthenticationPrincipal CurrentUser user, Model model) {
        long org = user.require(Role.REQUESTER).organisation();
        model.addAttribute("home", bookings.home(user).orElse(null));
        model.addAttribute("bookings", bookings.ofHousehold(user));
        model.addAttribute("toConfirm", bookings.hoursToConfirm(user));
        model.addAttribute("services", HomeService.values());
        long least = floor.minimumFor(WorkKind.HOME, null).hourlyCents();
        model.addAttribute("leastRate", least);
        model.addAttribute("suggestedRate", Money.euros(Math.max(least, 1600)).decimal());
        model.addAttribute("holidayPercent", settings.holidayPercent());
        model.addAttribute("tomorrow", clock.instant().atZone(settings.zone()).toLocalDate().plusDays(1));
        model.addAttribute("closed", bookings.closedReason(org).orElse(null));
        return "home/household";
    }

    @PostMapping("/household/home")
    String saveHome(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String address,
                    @RequestParam(required = false) Double latitude, @RequestParam(required = false) Double longitude, Locale locale,
                    RedirectAttributes redirect) {
        return act(redirect, "home.household.homeSaved", "/household", () -> bookings.saveHome(user, address, latitude, longitude, locale));
    }

    @PostMapping("/household/bookings")
    String book(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String service,
                @RequestParam(required = false) String address, @RequestParam(required = false) Double latitude,
                @RequestParam(required = false) Double longitude, @RequestParam(required = false) String day,
                @RequestParam(required = false) String time, @RequestParam(required = false) Integer minutes,
                @RequestParam(required = false) String hourlyRate, @RequestParam(required = false) String tasks,
                @RequestParam(required = false) String pets, @RequestParam(defaultValue = "false") boolean stairs,
                @RequestParam(defaultValue = "false") boolean supplies, @RequestParam(defaultValue = "false") boolean weekly,
                Locale locale, RedirectAttributes redirect) {
        String[] booked = new String[1];
        String back = act(redirect, "home.household.booked", "/household", () -> {
            java.time.Instant start;
            try {
                start = LocalDateTime.of(LocalDate.parse(day), LocalTime.parse(time)).atZone(settings.zone()).toInstant();
            } catch (DateTimeParseException | NullPointerException e) {
                throw DomainException.invalid("startsAt: choose a day and a time").code("problem.home.start");
            }
            Booking b = bookings.book(user, new Bookings.BookingSpec(service, address, latitude, longitude, start, minutes,
                    Money.centsOfEuros("hourlyRate", hourlyRate), tasks, pets, stairs, supplies, weekly), locale);
            booked[0] = "/household/bookings/" + b.id();
            return b;
        });
        if (booked[0] == null) {
            // The form comes back as it was sent, with the problem above it.
            java.util.Map<String, Object> sent = new java.util.HashMap<>();
            sent.put("service", service);
            sent.put("address", address);
            sent.put("day", day);
            sent.put("time", time);
            sent.put("minutes", minutes);
            sent.put("hourlyRate", hourlyRate);
            sent.put("tasks", tasks);
            sent.put("pets", pets);
            sent.put("stairs", stairs);
            sent.put("supplies", supplies);
            sent.put("weekly", weekly);
            redirect.addFlashAttribute("sent", sent);
            return back;
        }
        return "redirect:" + booked[0];
    }

    @GetMapping("/household/bookings/{id}")
    String booking(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
        Booking b = bookings.ofHousehold(user, id);
        model.addAttribute("booking", b);
        model.addAttribute("visits", bookings.visits(id));
        model.addAttribute("fourDayWeeks", b.workerId() == null ? java.util.List.of() : bookings.fourDayWeeks(b.organisationId(), b.workerId()));
        model.addAttribute("now", clock.instant());
        model.addAttribute("freeHours", settings.freeCancellation().toHours());
        model.addAttribute("noticeWeeks", settings.noticeWeeks());
        return "home/booking";
    }

    /** A visit's page is its booking's, at the visit (notices link here). */
    @GetMapping("/household/visits/{id}")
    String visit(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        Visits.Planned p = visits.ofHousehold(user, id);
        return "redirect:/household/bookings/" + p.booking().id() + "#visit-" + id;
    }

    @PostMapping("/household/visits/{id}/cancel")
    String cancel(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) String reason,
                  RedirectAttributes redirect) {
        Visits.Planned p = visits.ofHousehold(user, id);
        return act(redirect, "home.household.cancelled", "/household/bookings/" + p.booking().id(), () -> bookings.cancelVisit(user, id, reason));
    }

    @PostMapping("/household/visits/{id}/confirm")
    String confirm(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        Visits.Planned p = visits.ofHousehold(user, id);
        return act(redirect, "home.household.confirmed", "/household/bookings/" + p.booking().id(), () -> visits.confirm(user, id));
    }

    @PostMapping("/household/visits/{id}/question")
    String question(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) String hours,
                    @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        Visits.Planned p = visits.ofHousehold(user, id);
        return act(redirect, "home.household.questioned", "/household/bookings/" + p.booking().id(), () -> {
            Integer minutes;
            try {
                minutes = hours == null || hours.isBlank() ? null
                        : new java.math.BigDecimal(hours.strip().replace(',', '.')).multiply(java.math.BigDecimal.valueOf(60)).intValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                throw DomainException.invalid("minutes: hours such as 2 or 2.5").code("problem.home.questionMinutes", p.visit().workedMinutes());
            }
            return visits.question(user, id, minutes, reason);
        });
    }

    @PostMapping("/household/bookings/{id}/pause")
    String pause(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) String from,
                 @RequestParam(required = false) String until, RedirectAttributes redirect) {
        return act(redirect, "home.household.paused", "/household/bookings/" + id, () -> {
            try {
                return bookings.pause(user, id, LocalDate.parse(from), LocalDate.parse(until));
            } catch (DateTimeParseException | NullPointerException e) {
                throw DomainException.invalid("from, until: choose the first and the last day of the pause").code("problem.home.pause");
            }
        });
    }

    @PostMapping("/household/bookings/{id}/end")
    String end(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) String reason,
               RedirectAttributes redirect) {
        user.require(Role.REQUESTER);
        return act(redirect, "home.household.ended", "/household/bookings/" + id, () -> bookings.endBooking(user, id, reason));
    }

    @GetMapping("/household/statement")
    String statement(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Integer year,
                     @RequestParam(required = false) Integer month, Model model) {
        int y = year == null ? clock.instant().atZone(settings.zone()).getYear() : year;
        model.addAttribute("statement", statements.of(user, y, month));
        model.addAttribute("year", y);
        model.addAttribute("month", month);
        return "home/statement";
    }

    @GetMapping("/household/statement.pdf")
    org.springframework.http.ResponseEntity<byte[]> statementPdf(@AuthenticationPrincipal CurrentUser user, @RequestParam int year,
                                                                 @RequestParam(required = false) Integer month) {
        return pdf.download("home/statement-pdf", java.util.Map.of("statement", statements.of(user, year, month)),
                "household-" + year + (month == null ? "" : String.format("-%02d", month)) + ".pdf");
    }

    /** Runs a form's action: success and domain problems come back as a sentence on the page. */
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
