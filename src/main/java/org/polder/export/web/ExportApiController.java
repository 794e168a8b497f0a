package org.polder.export.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.polder.account.CurrentUser;
import org.polder.export.Exports;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import org.polder.trail.ExportVerifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

import java.io.IOException;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Export", description = "Everything Polder holds about you, as one ZIP of JSON and CSV files")
class ExportApiController {

    private final Exports exports;

    ExportApiController(Exports exports) {
        this.exports = exports;
    }

    @PostMapping(value = "/api/v1/me/export/verify", consumes = {"application/zip", "application/octet-stream"})
    @Operation(summary = "Check an export's trail: send the ZIP as the request body. 200 with the outcome (intact or where the chain "
            + "breaks); 400 when it is not a readable export; 413 when it unpacks to more than an export can hold")
    ResponseEntity<ExportVerifier.Result> verify(HttpServletRequest request) throws IOException {
        ExportVerifier.Result result = ExportVerifier.verify(request.getInputStream());
        return ResponseEntity.status(ExportController.status(result)).body(result);
    }

    @GetMapping("/api/v1/me/export")
    @Operation(summary = "Download your data: profile, trail (hash-chained), assignments and answers, money, decisions, qualifications")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal CurrentUser user) {
        return ExportController.zip(exports.zip(user), user);
    }
}
