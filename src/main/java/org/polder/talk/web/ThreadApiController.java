package org.polder.talk.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.polder.account.CurrentUser;
import org.polder.talk.Message;
import org.polder.talk.Threads;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1/threads")
@Tag(name = "Messages", description = "The thread of an assignment (a task, a place on a shift, an errand) between its worker and the requester")
class ThreadApiController {

    record Write(String body) {
    }

    record Report(String reason) {
    }

    private final Threads threads;

    ThreadApiController(Threads threads) {
        this.threads = threads;
    }

    @GetMapping("/{assignmentId}")
    @Operation(summary = "The messages about an assignment of yours (worker) or of your organisation (requester), oldest first")
    List<Message> read(@AuthenticationPrincipal CurrentUser user, @PathVariable long assignmentId) {
        return threads.read(user, assignmentId);
    }

    @PostMapping("/{assignmentId}")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Write a message (1 to 4000 characters); the other side is told")
    Message write(@AuthenticationPrincipal CurrentUser user, @PathVariable long assignmentId, @RequestBody Write request) {
        return threads.write(user, assignmentId, request.body());
    }

    @PostMapping("/messages/{id}/report")
    @Operation(summary = "Report a message written to you to the moderators, with why (workers)")
    Message report(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody Report request) {
        return threads.report(user, id, request.reason());
    }
}
