package org.polder.oversight.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.polder.account.CurrentUser;
import org.polder.oversight.SafetyReport;
import org.polder.oversight.SafetyReports;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Safety reports", description = "Report harassment, danger or an unfair task; a moderator answers")
class SafetyReportApiController {

    private final SafetyReports reports;

    SafetyReportApiController(SafetyReports reports) {
        this.reports = reports;
    }

    record NewReport(@NotNull SafetyReport.Category category, String message) {
    }

    @PostMapping("/api/v1/assignments/{id}/report")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Report something about one of your assignments to a moderator (not to the requester)")
    SafetyReport report(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @Valid @RequestBody NewReport body) {
        return reports.report(user, id, body.category(), body.message());
    }

    @GetMapping("/api/v1/me/reports")
    @Operation(summary = "Your reports and the moderators' answers")
    List<SafetyReport> mine(@AuthenticationPrincipal CurrentUser user) {
        return reports.mine(user);
    }

    @GetMapping("/api/v1/moderation/reports")
    @Operation(summary = "For moderators: the reports, open ones first")
    List<SafetyReport> queue(@AuthenticationPrincipal CurrentUser user) {
        return reports.queue(user);
    }

    record Response(String response) {
    }

    @PostMapping("/api/v1/moderation/reports/{id}/response")
    @Operation(summary = "For moderators: answer a report; the worker reads the answer")
    SafetyReport respond(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody Response body) {
        return reports.respond(user, id, body == null ? null : body.response());
    }
}
