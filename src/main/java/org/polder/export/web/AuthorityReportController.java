package org.polder.export.web;

import jakarta.servlet.http.HttpServletResponse;
import org.polder.common.Csv;
import org.polder.common.DomainException;
import org.polder.common.Texts;
import org.polder.export.AuthorityReport;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * For admins (security rules on /admin and /api/v1/admin): the report to authorities (RIGHTS.md R12)
 * on a page, and as CSV with one row per calendar month of the period. Dates in UTC.
 */
@Controller
class AuthorityReportController {

    private final AuthorityReport report;
    private final Texts texts;
    private final Clock clock;

    AuthorityReportController(AuthorityReport report, Texts texts, Clock clock) {
        this.report = report;
        this.texts = texts;
        this.clock = clock;
    }

    @GetMapping("/admin/reports/authority")
    String page(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Model model) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate start = from == null ? today.withDayOfMonth(1).minusMonths(2) : from;
        LocalDate end = to == null ? today.plusDays(1) : to;
        model.addAttribute("from", start);
        model.addAttribute("to", end);
        if (!end.isAfter(start)) {
            model.addAttribute("error", texts.get("problem.report.period"));
            model.addAttribute("months", List.of());
            return "export/authority";
        }
        model.addAttribute("total", between(start, end));
        model.addAttribute("months", months(start, end));
        return "export/authority";
    }

    @GetMapping({"/admin/reports/authority.csv", "/api/v1/admin/reports/authority.csv"})
    void csv(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
             @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, HttpServletResponse response) throws IOException {
        if (!to.isAfter(from)) {
            throw DomainException.invalid("to: must be after from").code("problem.report.period");
        }
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"polder-report-" + from + "-" + to + ".csv\"");
        Writer out = response.getWriter();
        Csv.line(out, List.of("from", "to", "worker_status", "people_working", "active_hours", "average_hours_per_person",
                "income_eur", "average_income_eur", "hours_per_person_median", "hours_per_person_p25", "hours_per_person_p75",
                "income_per_person_median_eur", "income_per_person_p25_eur", "income_per_person_p75_eur", "pay_per_active_hour_median_eur"));
        for (AuthorityReport.Report r : months(from, to)) {
            Csv.line(out, List.of(r.from().toString(), r.to().toString(), r.workerStatus(), Integer.toString(r.peopleWorking()),
                    Double.toString(r.activeHours()), Double.toString(r.averageHours()), euros(r.incomeCents()), euros(r.averageIncome()),
                    hours(r.minutesPerPerson().median()), hours(r.minutesPerPerson().p25()), hours(r.minutesPerPerson().p75()),
                    euros(r.incomePerPerson().median()), euros(r.incomePerPerson().p25()), euros(r.incomePerPerson().p75()),
                    euros(r.payPerActiveHour().median())));
        }
        out.flush();
    }

    private AuthorityReport.Report between(LocalDate from, LocalDate to) {
        return report.between(from.atStartOfDay().toInstant(ZoneOffset.UTC), to.atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    /** One report per calendar month, the first and last clipped to the period. */
    private List<AuthorityReport.Report> months(LocalDate from, LocalDate to) {
        if (from.plusYears(10).isBefore(to)) {
            throw DomainException.invalid("from, to: at most ten years at once").code("problem.report.long");
        }
        List<AuthorityReport.Report> months = new ArrayList<>();
        for (LocalDate start = from; start.isBefore(to); ) {
            LocalDate next = start.withDayOfMonth(1).plusMonths(1);
            LocalDate end = next.isAfter(to) ? to : next;
            months.add(between(start, end));
            start = end;
        }
        return months;
    }

    private static String euros(long cents) {
        return new java.math.BigDecimal(cents).movePointLeft(2).toPlainString();
    }

    private static String hours(long minutes) {
        return Double.toString(Math.round(minutes / 60.0 * 100) / 100.0);
    }
}
