package org.polder.talk.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.polder.account.CurrentUser;
import org.polder.talk.RequesterNotes;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Messages")
class NoteApiController {

    record Note(List<Long> workerIds, String message) {
    }

    private final RequesterNotes notes;

    NoteApiController(RequesterNotes notes) {
        this.notes = notes;
    }

    @PostMapping("/api/v1/requester/notes")
    @Operation(summary = "Send a note (1 to 1000 characters) to up to 100 workers who worked for your organisation; answers who was "
            + "told and who was not and why. At most polder.talk.notes-per-day workers a day per organisation; workers can stop them.")
    RequesterNotes.Result send(@AuthenticationPrincipal CurrentUser user, @RequestBody Note note) {
        return notes.send(user, note.workerIds(), note.message());
    }
}
