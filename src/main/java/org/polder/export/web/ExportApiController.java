package org.polder.export.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.polder.account.CurrentUser;
import org.polder.export.Exports;
import org.polder.trail.ExportVerifier;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

@RestController
@Tag(name = "Export", description = "Everything Polder holds about you, as one ZIP of JSON and CSV files")
class ExportApiController {

    private final Exports exports;
    private final org.polder.export.ExportKeys keys;

    ExportApiController(Exports exports, org.polder.export.ExportKeys keys) {
        this.exports = exports;
        this.keys = keys;
    }

    @PostMapping(value = "/api/v1/me/export/verify", consumes = {"application/zip", "application/octet-stream"})
    @Operation(summary = "Check an export's trail: send the ZIP as the request body. 200 with the outcome (intact or where the chain "
            + "breaks); 400 when it is not a readable export; 413 when it unpacks to more than an export can hold")
    ResponseEntity<ExportVerifier.Result> verify(HttpServletRequest request) throws IOException {
        ExportVerifier.Result result = ExportVerifier.verify(request.getInputStream(), keys.publicKey());
        return ResponseEntity.status(ExportController.status(result)).body(result);
    }

    record ExportKey(String algorithm, String keyId, String publicKey, String pem) {
    }

    @GetMapping(org.polder.trail.ExportSignature.KEY_PATH)
    @Operation(summary = "The platform's public key that signs every export (Ed25519; publicKey is base64 X.509). No login needed")
    ExportKey key() {
        java.security.PublicKey key = keys.publicKey();
        return new ExportKey(org.polder.trail.ExportSignature.ALGORITHM, org.polder.trail.ExportSignature.keyId(key),
                org.polder.trail.ExportSignature.base64(key), org.polder.trail.ExportSignature.pem(key));
    }

    @GetMapping("/api/v1/me/export")
    @Operation(summary = "Download your data: profile, trail (hash-chained), assignments and answers, money, decisions, qualifications")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal CurrentUser user) {
        return ExportController.zip(exports.zip(user), user);
    }
}
