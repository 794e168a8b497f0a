package org.polder.shift.web;

import org.polder.account.CurrentUser;
import org.polder.address.Addresses;
import org.polder.address.Found;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.Texts;
import org.polder.shift.Application;
import org.polder.shift.Hours;
import org.polder.shift.NoShow;
import org.polder.shift.NoShows;
import org.polder.shift.Places;
import org.polder.shift.Selection;
import org.polder.shift.Shift;
import org.polder.shift.ShiftHours;
import org.polder.shift.Shifts;
import org.polder.shift.WorkerRating;
import org.polder.shift.WorkerRatings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shift pages: the worker's feed and their own shifts (apply, withdraw, check in, check out,
 * answer a counter); the requester's shifts (places and roles, posting, applicants, hours, cancelling).
 * Times on the pages are local ({@code polder.display-zone}).
 */
@Controller
class ShiftController {

    private final Places places;
    private final Addresses addresses;
    private final Shifts shifts;
    private final Selection selection;
    private final Hours hours;
    private final NoShows noShows;
    private final WorkerRatings ratings;
    private final org.polder.quality.Qualifications qualifications;
    private final java.time.Clock clock;
    private final Texts texts;
    private final ZoneId zone;

    private final org.polder.shift.Calendars calendars;
    private final org.polder.shift.ShiftChanges changes;
    private final org.polder.talk.RequesterNotes notes;

    ShiftController(Addresses addresses, Places places, Shifts shifts, Selection selection, Hours hours, NoShows noShows, WorkerRatings ratings,
                    org.polder.quality.Qualifications qualifications, java.time.Clock clock, Texts texts,
                    @Value("${polder.display-zone:Europe/Amsterdam}") String zone, org.polder.shift.Calendars calendars,
                    org.polder.talk.RequesterNotes notes, org.polder.shift.ShiftChanges changes) {
        this.changes = changes;
        this.calendars = calendars;
        this.notes = notes;
        this.places = places;
        this.addresses = addresses;
        this.shifts = shifts;
        this.selection = selection;
        this.hours = hours;
        this.noShows = noShows;
        this.ratings = ratings;
        this.qualifications = qualifications;
        this.clock = clock;
        this.texts = texts;
        this.zone = ZoneId.of(zone);
    }

    // Workers

    @GetMapping("/shifts")
    String feed(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String role,
                @RequestParam(required = false) String from, @RequestParam(required = false) String minRate,
                @RequestParam(required = false) Double latitude, @RequestParam(required = false) Double longitude,
                @RequestParam(required = false) Double withinKm, @RequestParam(required = false) String near, Model model, Locale locale) {
        model.addAttribute("role", role);
        model.addAttribute("near", near);
        model.addAttribute("from", from);
        model.addAttribute("minRate", minRate);
        model.addAttribute("latitude", latitude);
        model.addAttribute("longitude", longitude);
        model.addAttribute("withinKm", withinKm);
        try {
            Instant start = from == null || from.isBlank() ? null : LocalDate.parse(from).atStartOfDay(zone).toInstant();
            Long rate = minRate == null || minRate.isBlank() || minRate.strip().matches("0+([.,]0*)?") ? null : cents("minRate", minRate);
            if (near != null && !near.isBlank() && (latitude == null || longitude == null)) {
                // "Distance from" an address the worker types: their home, a station.
                Found place = addresses.locate("near", near, latitude, longitude, null, locale);
                latitude = place.latitude();
                longitude = place.longitude();
                model.addAttribute("near", place.address());
                model.addAttribute("latitude", latitude);
                model.addAttribute("longitude", longitude);
            }
            model.addAttribute("items", shifts.feed(user, new Shifts.FeedFilter(latitude, longitude, withinKm, null, role, start, null, rate)));
            model.addAttribute("hiddenByProfile", shifts.hiddenByProfile(user));
        } catch (DomainException | DateTimeParseException e) {
            model.addAttribute("items", List.of());
            model.addAttribute("error", e instanceof DomainException d ? texts.of(d) : texts.get("shift.badDate"));
        }
        return "shift/feed";
    }

    @PostMapping("/shifts/{id}/apply")
    String apply(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        Application a = texts.orFlash(redirect, () -> selection.apply(user, id));
        if (a != null) {
            redirect.addFlashAttribute("flash", texts.get(a.state() == Application.State.SELECTED ? "shift.selectedAtOnce" : "shift.applied"));
        }
        return "redirect:/me/shifts";
    }

    @PostMapping("/shifts/{id}/withdraw")
    String withdraw(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        if (texts.orFlash(redirect, () -> selection.withdraw(user, id)) != null) {
            redirect.addFlashAttribute("flash", texts.get("shift.withdrawn"));
        }
        return "redirect:/me/shifts";
    }

    /** One of the worker's shifts: the shift, their application, and their hours when they have a place. */
    record MyShift(Shift shift, Application application, ShiftHours hours, NoShow noShow, WorkerRating rating) {
    }

    @GetMapping("/me/shifts")
    String mine(@AuthenticationPrincipal CurrentUser user, Model model) {
        Map<Long, WorkerRating> received = new LinkedHashMap<>();
        ratings.received(user).forEach(r -> received.put(r.assignmentId(), r));
        List<MyShift> mine = selection.mine(user).stream().map(a -> new MyShift(shifts.forWorker(user, a.shiftId()), a,
                a.assignmentId() == null ? null : hours.ofWorker(user, a.assignmentId()),
                a.assignmentId() == null ? null : noShows.about(user, a.assignmentId()).orElse(null),
                a.assignmentId() == null ? null : received.get(a.assignmentId()))).toList();
        model.addAttribute("shifts", mine);
        Map<Long, org.polder.shift.ShiftChanges.Proposal> proposals = new LinkedHashMap<>();
        mine.stream().filter(m -> m.hours() != null && m.hours().state().name().equals("SELECTED"))
                .forEach(m -> changes.pending(m.shift().id()).filter(p -> p.answers().stream().noneMatch(x -> x.workerId() == user.id()))
                        .ifPresent(p -> proposals.put(m.shift().id(), p)));
        model.addAttribute("proposals", proposals);
        model.addAttribute("handovers", selection.handovers(user).stream()
                .filter(h -> h.toWorker() == user.id() && h.state() == org.polder.shift.Handover.State.OFFERED)
                .map(h -> new Offer(h, shifts.forWorker(user, h.shiftId()))).toList());
        model.addAttribute("calendar", CalendarController.address(calendars.token(user)));
        return "shift/mine";
    }

    /** A place offered to the worker, with its shift. */
    record Offer(org.polder.shift.Handover handover, Shift shift) {
    }

    @PostMapping("/shifts/{id}/handover")
    String offerHandover(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) String username,
                         RedirectAttributes redirect) {
        if (texts.orFlash(redirect, () -> selection.offerHandover(user, id, username)) != null) {
            redirect.addFlashAttribute("flash", texts.get("handover.offered"));
        }
        return "redirect:/me/shifts";
    }

    @PostMapping("/shifts/{id}/handover/{answer}")
    String answerHandover(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable String answer, RedirectAttributes redirect) {
        Object done = texts.orFlash(redirect, () -> {
            if ("accept".equals(answer)) {
                return selection.acceptHandover(user, id);
            }
            selection.declineHandover(user, id);
            return Boolean.TRUE;
        });
        if (done != null) {
            redirect.addFlashAttribute("flash", texts.get("accept".equals(answer) ? "handover.accepted" : "handover.declined"));
        }
        return "redirect:/me/shifts";
    }

    @PostMapping("/me/shifts/{assignment}/check-in")
    String checkIn(@AuthenticationPrincipal CurrentUser user, @PathVariable long assignment, @RequestParam(required = false) Double latitude,
                   @RequestParam(required = false) Double longitude, RedirectAttributes redirect) {
        if (texts.orFlash(redirect, () -> hours.checkIn(user, assignment, new Hours.Position(latitude, longitude))) != null) {
            redirect.addFlashAttribute("flash", texts.get("shift.checkedIn"));
        }
        return "redirect:/me/shifts";
    }

    @PostMapping("/me/shifts/{assignment}/check-out")
    String checkOut(@AuthenticationPrincipal CurrentUser user, @PathVariable long assignment, @RequestParam(required = false) String start,
                    @RequestParam(required = false) String end, @RequestParam(defaultValue = "0") int breakMinutes, RedirectAttributes redirect) {
        if (texts.orFlash(redirect, () -> hours.checkOut(user, assignment, new Hours.Times(local("start", start), local("end", end), breakMinutes))) != null) {
            redirect.addFlashAttribute("flash", texts.get("shift.checkedOut"));
        }
        return "redirect:/me/shifts";
    }

    @PostMapping("/me/shifts/{assignment}/accept-counter")
    String acceptCounter(@AuthenticationPrincipal CurrentUser user, @PathVariable long assignment, RedirectAttributes redirect) {
        if (texts.orFlash(redirect, () -> hours.acceptCounter(user, assignment)) != null) {
            redirect.addFlashAttribute("flash", texts.get("shift.counterAccepted"));
        }
        return "redirect:/me/shifts";
    }

    @PostMapping("/me/shifts/{assignment}/no-show")
    String answerNoShow(@AuthenticationPrincipal CurrentUser user, @PathVariable long assignment, @RequestParam(required = false) String statement,
                        RedirectAttributes redirect) {
        if (texts.orFlash(redirect, () -> noShows.respond(user, assignment, statement)) != null) {
            redirect.addFlashAttribute("flash", texts.get("noShow.answered"));
        }
        return "redirect:/me/shifts";
    }

    // Moderators

    @GetMapping("/moderation/no-shows")
    String openNoShows(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("reports", noShows.open(user));
        return "shift/no-shows";
    }

    @PostMapping("/moderation/no-shows/{assignment}")
    String decideNoShow(@AuthenticationPrincipal CurrentUser user, @PathVariable long assignment, @RequestParam(required = false) NoShow.State outcome,
                        @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        if (texts.orFlash(redirect, () -> noShows.decide(user, assignment, outcome, reason)) != null) {
            redirect.addFlashAttribute("flash", texts.get("noShow.decided"));
        }
        return "redirect:/moderation/no-shows";
    }

    // Requesters

    @PostMapping("/requester/shifts/{id}/hours/{assignment}/no-show")
    String reportNoShow(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable long assignment,
                        @RequestParam(required = false) String note, RedirectAttributes redirect) {
        if (texts.orFlash(redirect, () -> noShows.report(user, assignment, note)) != null) {
            redirect.addFlashAttribute("flash", texts.get("noShow.reported"));
        }
        return "redirect:/requester/shifts/" + id;
    }

    @GetMapping("/requester/shifts")
    String requesterShifts(@AuthenticationPrincipal CurrentUser user, Model model) {
        user.require(Role.REQUESTER);
        model.addAttribute("shifts", shifts.ofOrganisation(user));
        model.addAttribute("waiting", selection.waiting(user));
        model.addAttribute("locations", places.locations(user));
        model.addAttribute("roles", places.roles(user));
        model.addAttribute("pool", selection.pool(user));
        model.addAttribute("qualifications", qualifications.list(user));
        model.addAttribute("calendar", CalendarController.address(calendars.token(user)));
        model.addAttribute("languageChoices", org.polder.account.WorkerProfile.COMMON_LANGUAGES);
        model.addAttribute("regionChoices", org.polder.account.WorkerProfile.REGIONS);
        return "shift/requester";
    }

    @PostMapping("/requester/shift-locations")
    String addLocation(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String name,
                       @RequestParam(required = false) String address, @RequestParam(required = false) Double latitude,
                       @RequestParam(required = false) Double longitude, RedirectAttributes redirect, Locale locale) {
        if (texts.orFlash(redirect, () -> places.addLocation(user, places.located(user, new Places.LocationSpec(name, address, latitude, longitude), locale))) != null) {
            redirect.addFlashAttribute("flash", texts.get("shift.locationAdded"));
        }
        return "redirect:/requester/shifts";
    }

    @PostMapping("/requester/shift-roles")
    String addRole(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String name,
                   @RequestParam(required = false) String skills, @RequestParam(required = false) String clothing,
                   @RequestParam(required = false) String briefing, @RequestParam(required = false) String contact,
                   @RequestParam(required = false) Integer minShifts, @RequestParam(required = false) Long qualificationId,
                   RedirectAttributes redirect) {
        if (texts.orFlash(redirect, () -> places.addRole(user, new Places.RoleSpec(name, skills, qualificationId, minShifts, clothing, briefing, contact))) != null) {
            redirect.addFlashAttribute("flash", texts.get("shift.roleAdded"));
        }
        return "redirect:/requester/shifts";
    }

    @PostMapping("/requester/shifts")
    String post(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Long roleId, @RequestParam(required = false) Long locationId,
                @RequestParam(required = false) String date, @RequestParam(required = false) String startTime,
                @RequestParam(required = false) String endTime, @RequestParam(defaultValue = "0") int breakMinutes,
                @RequestParam(defaultValue = "1") int headcount, @RequestParam(required = false) String hourlyRate,
                @RequestParam(defaultValue = "48") int cancellationHours, @RequestParam(defaultValue = "NONE") Shift.AutoSelect autoSelect,
                @RequestParam(required = false) Integer checkinRadiusM, @RequestParam(defaultValue = "1") int repeatWeeks,
                @RequestParam(required = false) String rateCeiling, @RequestParam(required = false) String language,
                @RequestParam(required = false) String region, RedirectAttributes redirect) {
        List<Shift> posted = texts.orFlash(redirect, () -> {
            LocalDate day = parseDate(date);
            LocalTime from = parseTime("startTime", startTime);
            LocalTime to = parseTime("endTime", endTime);
            Instant start = day.atTime(from).atZone(zone).toInstant();
            // A shift that ends at or before its start time ends the next day (a night shift).
            Instant end = (to.isAfter(from) ? day : day.plusDays(1)).atTime(to).atZone(zone).toInstant();
            return shifts.post(user, new Shifts.ShiftSpec(roleId, locationId, start, end, breakMinutes, headcount, cents("hourlyRate", hourlyRate),
                    cancellationHours, null, null, autoSelect, checkinRadiusM, repeatWeeks,
                    rateCeiling == null || rateCeiling.isBlank() ? null : cents("rateCeiling", rateCeiling),
                    language == null || language.isBlank() ? List.of() : List.of(language),
                    region == null || region.isBlank() ? List.of() : List.of(region)));
        });
        if (posted == null) {
            return "redirect:/requester/shifts";
        }
        redirect.addFlashAttribute("flash", texts.get("shift.posted", posted.size()));
        return "redirect:/requester/shifts/" + posted.get(0).id();
    }

    @GetMapping("/requester/shifts/{id}")
    String requesterShift(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
        Shift shift = shifts.ofOrganisation(user, id);
        model.addAttribute("shift", shift);
        model.addAttribute("started", !clock.instant().isBefore(shift.startsAt().plus(java.time.Duration.ofMinutes(15))));
        model.addAttribute("applicants", selection.applicants(user, id));
        Map<Long, ShiftHours> byWorker = new LinkedHashMap<>();
        hours.ofShift(user, id).forEach(h -> byWorker.put(h.workerId(), h));
        model.addAttribute("hours", byWorker);
        model.addAttribute("ratings", ratings.onShift(user, id));
        model.addAttribute("proposal", changes.pending(id).orElse(null));
        model.addAttribute("selectedCount", shift.headcount() - shift.openSlots());
        return "shift/shift";
    }

    /** The requester changes the shift: better terms at once, worse ones proposed to the selected workers. */
    @PostMapping("/requester/shifts/{id}/change")
    String change(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) String date,
                  @RequestParam(required = false) String startTime, @RequestParam(required = false) String endTime,
                  @RequestParam(required = false) Integer breakMinutes, @RequestParam(required = false) Integer headcount,
                  @RequestParam(required = false) String hourlyRate, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        org.polder.shift.ShiftChanges.Outcome outcome = texts.orFlash(redirect, () -> {
            LocalDate day = parseDate(date);
            LocalTime from = parseTime("startTime", startTime);
            LocalTime to = parseTime("endTime", endTime);
            Instant start = day.atTime(from).atZone(zone).toInstant();
            Instant end = (to.isAfter(from) ? day : day.plusDays(1)).atTime(to).atZone(zone).toInstant();
            return changes.change(user, id, new org.polder.shift.ShiftChanges.Change(start, end, breakMinutes, headcount,
                    cents("hourlyRate", hourlyRate), reason));
        });
        if (outcome != null) {
            redirect.addFlashAttribute("flash", texts.get(outcome.proposal() == null ? "shiftChange.applied" : "shiftChange.proposed"));
        }
        return "redirect:/requester/shifts/" + id;
    }

    @PostMapping("/requester/shifts/{id}/change/withdraw")
    String withdrawChange(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        if (texts.orFlash(redirect, () -> {
            changes.withdraw(user, id);
            return Boolean.TRUE;
        }) != null) {
            redirect.addFlashAttribute("flash", texts.get("team.changed"));
        }
        return "redirect:/requester/shifts/" + id;
    }

    /** A selected worker answers a proposed change. */
    @PostMapping("/me/shifts/{id}/change")
    String answerChange(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam boolean accept, RedirectAttributes redirect) {
        if (texts.orFlash(redirect, () -> changes.answer(user, id, accept)) != null) {
            redirect.addFlashAttribute("flash", texts.get(accept ? "shiftChange.accepted" : "shiftChange.declined"));
        }
        return "redirect:/me/shifts";
    }

    /** A note to everyone selected for the shift (what to wear, where to come in), read in their notifications. */
    @PostMapping("/requester/shifts/{id}/note")
    String note(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) String message,
                RedirectAttributes redirect) {
        List<Long> selected = selection.applicants(user, id).stream().filter(a -> a.state() == Application.State.SELECTED)
                .map(org.polder.shift.Applicant::workerId).toList();
        if (selected.isEmpty()) {
            redirect.addFlashAttribute("error", texts.get("shift.note.none"));
            return "redirect:/requester/shifts/" + id;
        }
        var sent = texts.orFlash(redirect, () -> notes.send(user, selected, message));
        if (sent != null) {
            redirect.addFlashAttribute("flash", texts.get("shift.note.sent", sent.told().size()));
        }
        return "redirect:/requester/shifts/" + id;
    }

    @PostMapping("/requester/shifts/{id}/applicants/{workerId}/{action}")
    String decide(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable long workerId, @PathVariable String action,
                  RedirectAttributes redirect) {
        Application a = texts.orFlash(redirect, () -> switch (action) {
            case "select" -> selection.select(user, id, workerId);
            case "waitlist" -> selection.decide(user, id, workerId, Application.State.WAITLISTED);
            case "decline" -> selection.decide(user, id, workerId, Application.State.NOT_SELECTED);
            default -> throw DomainException.invalid("action: select, waitlist or decline");
        });
        if (a != null) {
            redirect.addFlashAttribute("flash", texts.get("shift.applicant." + a.state().name()));
        }
        return "redirect:/requester/shifts/" + id;
    }

    @PostMapping("/requester/shifts/{id}/pool/{workerId}")
    String addToPool(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable long workerId, RedirectAttributes redirect) {
        texts.orFlash(redirect, () -> {
            selection.addToPool(user, workerId);
            return true;
        });
        redirect.addFlashAttribute("flash", texts.get("shift.pooled"));
        return "redirect:/requester/shifts/" + id;
    }

    @PostMapping("/requester/shifts/{id}/hours/{assignment}/accept")
    String acceptHours(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable long assignment,
                       @RequestParam(defaultValue = "false") boolean confirmOvertime, RedirectAttributes redirect) {
        if (texts.orFlash(redirect, () -> hours.accept(user, assignment, confirmOvertime)) != null) {
            redirect.addFlashAttribute("flash", texts.get("shift.hoursAccepted"));
        }
        return "redirect:/requester/shifts/" + id;
    }

    @PostMapping("/requester/shifts/{id}/hours/{assignment}/counter")
    String counter(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable long assignment,
                   @RequestParam(required = false) String start, @RequestParam(required = false) String end,
                   @RequestParam(defaultValue = "0") int breakMinutes, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        if (texts.orFlash(redirect, () -> hours.counter(user, assignment, new Hours.Times(local("start", start), local("end", end), breakMinutes), reason)) != null) {
            redirect.addFlashAttribute("flash", texts.get("shift.countered"));
        }
        return "redirect:/requester/shifts/" + id;
    }

    @PostMapping("/requester/shifts/{id}/hours/{assignment}/rating")
    String rate(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable long assignment,
                @RequestParam(required = false) Integer stars, @RequestParam(required = false) String comment, RedirectAttributes redirect) {
        if (texts.orFlash(redirect, () -> ratings.rate(user, assignment, stars, comment)) != null) {
            redirect.addFlashAttribute("flash", texts.get("shift.ratedFlash"));
        }
        return "redirect:/requester/shifts/" + id;
    }

    @PostMapping("/requester/shifts/{id}/cancel")
    String cancel(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) String reason,
                  RedirectAttributes redirect) {
        if (texts.orFlash(redirect, () -> shifts.cancel(user, id, reason)) != null) {
            redirect.addFlashAttribute("flash", texts.get("shift.cancelledFlash"));
        }
        return "redirect:/requester/shifts/" + id;
    }

    private Instant local(String field, String value) {
        try {
            return value == null || value.isBlank() ? null : LocalDateTime.parse(value).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(field + ": a date and time, e.g. 2026-12-24T18:00").code("problem.shift.dateTime", field);
        }
    }

    private static LocalDate parseDate(String value) {
        try {
            return LocalDate.parse(value == null ? "" : value.strip());
        } catch (DateTimeParseException e) {
            throw DomainException.invalid("date: a date, e.g. 2026-12-24").code("problem.shift.date");
        }
    }

    private static LocalTime parseTime(String field, String value) {
        try {
            return LocalTime.parse(value == null ? "" : value.strip());
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(field + ": a time, e.g. 18:00").code("problem.shift.time", field);
        }
    }

    private static long cents(String field, String euros) {
        return org.polder.ledger.Money.centsOfEuros(field, euros);
    }
}
