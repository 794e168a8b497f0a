package org.polder.export.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.polder.account.CurrentUser;
import org.polder.export.Exports;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Export", description = "Everything Polder holds about you, as one ZIP of JSON and CSV files")
class ExportApiController {

    private final Exports exports;

    ExportApiController(Exports exports) {
        this.exports = exports;
    }

    @GetMapping("/api/v1/me/export")
    @Operation(summary = "Download your data: profile, trail (hash-chained), assignments and answers, money, decisions, qualifications")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal CurrentUser user) {
        return ExportController.zip(exports.zip(user), user);
    }
}
