package org.polder.microtask.web;

import io.swagger.v3.oas.annotations.Operation;
import org.polder.account.CurrentUser;
import org.polder.microtask.AnswerFiles;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;

/**
 * A photo or document given as an answer, for the worker who gave it and the organisation whose task it answers.
 * Pictures are shown in the page, documents downloaded; never sniffed by the browser, never run as a page.
 */
@RestController
class AnswerFileController {

    private final AnswerFiles files;

    AnswerFileController(AnswerFiles files) {
        this.files = files;
    }

    @GetMapping({"/answer-files/{id}", "/api/v1/answer-files/{id}"})
    @Operation(summary = "A photo or document given as an answer: yours, or one answering your organisation's task")
    ResponseEntity<byte[]> download(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        AnswerFiles.Download file = files.download(user, id);
        boolean picture = file.type().startsWith("image/");
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.type()))
                .header(HttpHeaders.CONTENT_DISPOSITION, (picture ? ContentDisposition.inline() : ContentDisposition.attachment())
                        .filename(file.name(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=3600")
                .body(file.content());
    }
}
