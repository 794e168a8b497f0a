package org.polder.errand.web;

import org.polder.account.CurrentUser;
import org.polder.common.Csv;
import org.polder.common.DomainException;
import org.polder.common.Texts;
import org.polder.errand.Errand;
import org.polder.errand.ErrandImport;
import org.polder.errand.ErrandRounds;
import org.polder.errand.Errands;
import org.polder.errand.Place;
import org.polder.errand.Pricing;
import org.polder.errand.Webhooks;
import org.polder.address.Addresses;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The requester's errand pages: price and book, follow live on a map, cancel; webhooks and their log. */
@Controller
class RequesterErrandController {

    private final Errands errands;
    private final Pricing pricing;
    private final Webhooks webhooks;
    private final Texts texts;
    private final ZoneId zone;
    private final Addresses addresses;

    private final ErrandImport importer;
    private final ErrandRounds rounds;
    private final java.time.Clock clock;
    private final MapTiles tiles;

    RequesterErrandController(MapTiles tiles, Addresses addresses, Errands errands, Pricing pricing, Webhooks webhooks, Texts texts,
                              @Value("${polder.display-zone:Europe/Amsterdam}") String zone, ErrandImport importer, java.time.Clock clock,
                              ErrandRounds rounds) {
        this.rounds = rounds;
        this.importer = importer;
        this.clock = clock;
        this.tiles = tiles;
        this.addresses = addresses;
        this.errands = errands;
        this.pricing = pricing;
        this.webhooks = webhooks;
        this.texts = texts;
        this.zone = ZoneId.of(zone);
    }

    /** The booking form as typed, kept when the page shows the price or a problem. */
    record ErrandForm(String pickupAddress, Double pickupLatitude, Double pickupLongitude, String dropoffAddress, Double dropoffLatitude,
                      Double dropoffLongitude, String receiver, String windowStart, String windowEnd, String notes, Errand.Proof proof,
                      Long quotedTotal) {

        static ErrandForm empty() {
            return new ErrandForm("", null, null, "", null, null, "", "", "", "", Errand.Proof.PIN, null);
        }

        /** The form with the places as located, so that booking uses the very places that were priced. */
        ErrandForm at(Errands.ErrandSpec spec) {
            return new ErrandForm(spec.pickup().address(), spec.pickup().latitude(), spec.pickup().longitude(), spec.dropoff().address(),
                    spec.dropoff().latitude(), spec.dropoff().longitude(), receiver, windowStart, windowEnd, notes, proof, quotedTotal);
        }

        ErrandForm quoted(Long total) {
            return new ErrandForm(pickupAddress, pickupLatitude, pickupLongitude, dropoffAddress, dropoffLatitude, dropoffLongitude, receiver,
                    windowStart, windowEnd, notes, proof, total);
        }
    }

    private Errands.ErrandSpec spec(ErrandForm f) {
        return new Errands.ErrandSpec(new Place(f.pickupAddress(), f.pickupLatitude(), f.pickupLongitude()),
                new Place(f.dropoffAddress(), f.dropoffLatitude(), f.dropoffLongitude()), f.receiver(), local("windowStart", f.windowStart()),
                local("windowEnd", f.windowEnd()), f.notes(), f.proof(), f.quotedTotal());
    }

    private Instant local(String field, String value) {
        try {
            return value == null || value.isBlank() ? null : LocalDateTime.parse(value).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(field + ": a date and time, e.g. 2026-12-24T18:00").code("problem.shift.dateTime", field);
        }
    }

    @GetMapping("/requester/errands")
    String list(@AuthenticationPrincipal CurrentUser user, Model model) {
        ErrandForm form = ErrandForm.empty();
        // Errands start at the organisation's first saved place unless the requester says otherwise.
        var home = user.organisationId() == null ? null : addresses.home(user.organisationId()).orElse(null);
        if (home != null) {
            form = new ErrandForm(home.address(), home.latitude(), home.longitude(), "", null, null, "", "", "", "", Errand.Proof.PIN, null);
        }
        return page(user, form, model);
    }

    private String page(CurrentUser user, ErrandForm form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errands", errands.ofOrganisation(user));
        model.addAttribute("now", clock.instant());
        model.addAttribute("rounds", rounds.list(user));
        model.addAttribute("weekdays", java.time.DayOfWeek.values());
        model.addAttribute("webhooks", webhooks.list(user));
        model.addAttribute("rules", pricing.current().rules());
        return "errand/requester";
    }

    @PostMapping("/requester/errands/quote")
    String quote(@AuthenticationPrincipal CurrentUser user, @ModelAttribute ErrandForm form, Model model, Locale locale) {
        try {
            Errands.ErrandSpec located = errands.located(user, spec(form), locale);
            Pricing.Quote q = errands.quote(user, located);
            model.addAttribute("quote", q);
            return page(user, form.at(located).quoted(q.total()), model);
        } catch (DomainException e) {
            model.addAttribute("error", texts.of(e));
            return page(user, form.quoted(null), model);
        }
    }

    @PostMapping("/requester/errands")
    String book(@AuthenticationPrincipal CurrentUser user, @ModelAttribute ErrandForm form, Model model, RedirectAttributes redirect,
                Locale locale) {
        try {
            Errand e = errands.book(user, errands.located(user, spec(form), locale));
            redirect.addFlashAttribute("flash", texts.get("errand.booked", e.id()));
            return "redirect:/requester/errands/" + e.id();
        } catch (DomainException e) {
            model.addAttribute("error", texts.of(e));
            return page(user, form.quoted(null), model);
        }
    }

    /** A day's deliveries from a CSV file: all booked, or none with the row and column of the problem. */
    @PostMapping("/requester/errands/import")
    String importCsv(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) MultipartFile file,
                     @RequestParam(defaultValue = "false") boolean ride, Locale locale, RedirectAttributes redirect) throws java.io.IOException {
        byte[] csv = file == null ? new byte[0] : file.getBytes();
        try {
            java.util.List<Errand> booked = ride ? importer.bookRide(user, csv, locale) : importer.book(user, csv, locale);
            redirect.addFlashAttribute("flash", texts.get(ride ? "errand.importedRide" : "errand.imported", booked.size()));
        } catch (org.polder.common.CsvProblem e) {
            redirect.addFlashAttribute("error", rowProblem(e));
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:/requester/errands";
    }

    /** A recurring round from a file of stops with their times, on the weekdays ticked. */
    @PostMapping("/requester/errand-rounds")
    String createRound(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String name,
                       @RequestParam(required = false) java.util.Set<java.time.DayOfWeek> weekdays, @RequestParam(required = false) MultipartFile file,
                       Locale locale, RedirectAttributes redirect) throws java.io.IOException {
        byte[] csv = file == null ? new byte[0] : file.getBytes();
        try {
            ErrandRounds.Round r = rounds.create(user, name, weekdays, csv, locale);
            redirect.addFlashAttribute("flash", texts.get("round.created", r.name(), r.stops().size()));
        } catch (org.polder.common.CsvProblem e) {
            redirect.addFlashAttribute("error", rowProblem(e));
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:/requester/errands#rounds-title";
    }

    @PostMapping("/requester/errand-rounds/{id}/stop")
    String stopRound(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        ErrandRounds.Round r = rounds.stop(user, id);
        redirect.addFlashAttribute("flash", texts.get("round.stopped", r.name()));
        return "redirect:/requester/errands#rounds-title";
    }

    /** A row's own problem (an address not found, a window out of range) in the reader's language, after where it is. */
    private String rowProblem(org.polder.common.CsvProblem e) {
        return e.getCause() instanceof DomainException cause && cause.code() != null
                ? texts.get("errand.import.at", e.properties().get("row"), e.properties().getOrDefault("columnName", "-")) + " " + texts.of(cause)
                : texts.of(e);
    }

    /** A file to fill in: the columns, a pickup used on every row, a morning round. */
    @GetMapping(value = "/requester/errands/example.csv", produces = "text/csv")
    ResponseEntity<String> example(@AuthenticationPrincipal CurrentUser user) {
        // The organisation's saved place, found without the address search, as every row's pickup.
        String pickup = addresses.home(user.organisation()).map(h -> h.address()).orElse("Kerkstraat 1, Amsterdam");
        java.time.LocalDate tomorrow = java.time.LocalDate.now(clock.withZone(zone)).plusDays(1);
        String csv = "pickup,dropoff,receiver,date,from,until,notes,proof,dropoff_latitude,dropoff_longitude\r\n"
                + Csv.cell(pickup) + ",\"Prinsengracht 100, Amsterdam\",Sam de Vries," + tomorrow + ",07:00,08:00,Two loaves,PIN,52.3752,4.8840\r\n"
                + Csv.cell(pickup) + ",\"Keizersgracht 200, Amsterdam\",Noor Bakker," + tomorrow + ",07:00,08:30,Birthday cake: keep it flat,PHOTO,52.3718,4.8850\r\n";
        return ResponseEntity.ok().header("Content-Disposition", "attachment; filename=\"errands.csv\"").body(csv);
    }

    @GetMapping("/requester/errands/{id}")
    String detail(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
        live(user, id, model);
        return "errand/follow";
    }

    /** The part of the page that refreshes itself: status, map, history. */
    @GetMapping("/requester/errands/{id}/live")
    String live(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
        Errand e = errands.ofOrganisation(user, id);
        var courier = errands.courierPosition(e).orElse(null);
        model.addAttribute("errand", e);
        model.addAttribute("now", clock.instant());
        model.addAttribute("history", errands.history(id));
        model.addAttribute("map", MapView.of(e.pickup(), e.dropoff(), courier, pricing.rulesOf(e).zones(), tiles));
        return "errand/follow :: live";
    }

    @PostMapping("/requester/errands/{id}/cancel")
    String cancel(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) String reason,
                  RedirectAttributes redirect) {
        if (texts.orFlash(redirect, () -> errands.cancel(user, id, reason)) != null) {
            redirect.addFlashAttribute("flash", texts.get("errand.cancelledFlash"));
        }
        return "redirect:/requester/errands/" + id;
    }

    @GetMapping("/requester/errands/{id}/proof")
    ResponseEntity<byte[]> proof(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return ProofImage.of(errands.proofOf(user, id));
    }

    // Webhooks

    @PostMapping("/requester/errand-webhooks")
    String addWebhook(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String url, RedirectAttributes redirect) {
        if (texts.orFlash(redirect, () -> webhooks.add(user, url)) != null) {
            redirect.addFlashAttribute("flash", texts.get("errand.webhook.added"));
        }
        return "redirect:/requester/errands#webhooks";
    }

    @PostMapping("/requester/errand-webhooks/{id}/remove")
    String removeWebhook(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        webhooks.remove(user, id);
        redirect.addFlashAttribute("flash", texts.get("errand.webhook.removed"));
        return "redirect:/requester/errands#webhooks";
    }

    @GetMapping("/requester/errand-webhooks/{id}")
    String webhookLog(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("hook", webhooks.list(user).stream().filter(w -> w.id() == id).findFirst().orElse(null));
        model.addAttribute("page", webhooks.deliveries(user, id, Math.max(0, page), 50));
        return "errand/webhook";
    }
}
