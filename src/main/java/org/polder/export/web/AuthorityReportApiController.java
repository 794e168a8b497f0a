package org.polder.export.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.polder.common.DomainException;
import org.polder.export.AuthorityReport;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.time.ZoneOffset;

/** For admins (security rules on /api/v1/admin): the report to authorities for a period. */
@RestController
@Tag(name = "Admin: reporting")
class AuthorityReportApiController {

    private final AuthorityReport report;

    AuthorityReportApiController(AuthorityReport report) {
        this.report = report;
    }

    @GetMapping("/api/v1/admin/reports/authority")
    @Operation(summary = "People working, active hours and income (averages and distributions) for a period [from, to), dates in UTC")
    AuthorityReport.Report report(@RequestParam LocalDate from, @RequestParam LocalDate to) {
        if (!to.isAfter(from)) {
            throw DomainException.invalid("to: must be after from");
        }
        return report.between(from.atStartOfDay().toInstant(ZoneOffset.UTC), to.atStartOfDay().toInstant(ZoneOffset.UTC));
    }
}
