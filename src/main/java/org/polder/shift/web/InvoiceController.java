package org.polder.shift.web;

import org.polder.account.CurrentUser;
import org.polder.shift.Invoice;
import org.polder.shift.Invoices;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/** Printable invoice pages and their PDFs: one worker's shift, and a client's period. */
@Controller
class InvoiceController {

    private final Invoices invoices;
    private final InvoicePdf pdf;
    private final Clock clock;
    private final ZoneId zone;

    InvoiceController(Invoices invoices, InvoicePdf pdf, Clock clock, @Value("${polder.display-zone:Europe/Amsterdam}") String zone) {
        this.invoices = invoices;
        this.pdf = pdf;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    @GetMapping("/invoices/shifts/{assignment}")
    String shift(@AuthenticationPrincipal CurrentUser user, @PathVariable long assignment, Model model) {
        return page(invoices.forShift(user, assignment), "/invoices/shifts/" + assignment + ".pdf", model);
    }

    @GetMapping("/invoices/shifts/{assignment}.pdf")
    ResponseEntity<byte[]> shiftPdf(@AuthenticationPrincipal CurrentUser user, @PathVariable long assignment) {
        return pdf.download(invoices.forShift(user, assignment));
    }

    @GetMapping("/requester/invoices")
    String collective(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                      @RequestParam(required = false) java.time.YearMonth month, Model model) {
        // A month picked on the page, or a period from..to, or this month.
        LocalDate start = month != null ? month.atDay(1) : from != null ? from : clock.instant().atZone(zone).toLocalDate().withDayOfMonth(1);
        LocalDate end = month != null ? start.plusMonths(1) : to != null ? to : start.plusMonths(1);
        return page(invoices.collective(user, start, end), "/requester/invoices.pdf?from=" + start + "&to=" + end, model);
    }

    @GetMapping("/requester/invoices.pdf")
    ResponseEntity<byte[]> collectivePdf(@AuthenticationPrincipal CurrentUser user,
                                         @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                         @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return pdf.download(invoices.collective(user, from, to));
    }

    private static String page(Invoice invoice, String pdfHref, Model model) {
        model.addAttribute("invoice", invoice);
        model.addAttribute("cssHref", "/css/invoice.css");
        model.addAttribute("pdfHref", pdfHref);
        model.addAttribute("pdf", false);
        return "shift/invoice";
    }

}
