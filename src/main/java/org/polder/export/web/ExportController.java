package org.polder.export.web;

import org.polder.account.CurrentUser;
import org.polder.export.Exports;
import org.polder.trail.ExportVerifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;

/** The export page: download everything about you, or check an export you have. */
@Controller
class ExportController {

    private final Exports exports;
    private final org.polder.export.ExportKeys keys;

    ExportController(Exports exports, org.polder.export.ExportKeys keys) {
        this.exports = exports;
        this.keys = keys;
    }

    @GetMapping("/me/export")
    String page() {
        return "export/export";
    }

    @GetMapping("/me/export.zip")
    ResponseEntity<byte[]> download(@AuthenticationPrincipal CurrentUser user) {
        return zip(exports.zip(user), user);
    }

    @PostMapping("/me/export/verify")
    String verify(@RequestParam(value = "file", required = false) MultipartFile file, Model model,
                  jakarta.servlet.http.HttpServletResponse response) throws IOException {
        ExportVerifier.Result result;
        if (file == null || file.isEmpty()) {
            result = new ExportVerifier.Result(false, 0, "Choose the ZIP file of an export.", null, "verify.noFile", java.util.List.of());
        } else {
            try (java.io.InputStream in = file.getInputStream()) {
                result = ExportVerifier.verify(in, keys.publicKey());
            }
        }
        model.addAttribute("result", result);
        response.setStatus(status(result));
        return "export/export";
    }

    /** 413 for an upload that unpacks to too much, 400 for one that is not a readable export, else 200 (intact or broken). */
    static int status(ExportVerifier.Result result) {
        if (ExportVerifier.tooLarge(result)) {
            return 413;
        }
        return result.valid() || "verify.broken".equals(result.code()) ? 200 : 400;
    }

    static ResponseEntity<byte[]> zip(byte[] content, CurrentUser user) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"polder-export-" + user.username() + ".zip\"")
                .body(content);
    }
}
