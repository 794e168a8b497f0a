package org.polder.voice.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.polder.account.CurrentUser;
import org.polder.voice.Channels;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Sealed boxes in and out of workers' channels: for the pages (session and CSRF) under /channels/data
 * and for apps (bearer token) under /api/v1/channels. Nothing here can read a message.
 */
@RestController
@Tag(name = "Channels", description = "Workers' end-to-end encrypted channels: Polder stores sealed boxes only")
class ChannelApiController {

    private final Channels channels;

    ChannelApiController(Channels channels) {
        this.channels = channels;
    }

    record Sealed(String box) {
    }

    @PostMapping({"/channels/data", "/api/v1/channels"})
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Open a channel; send its name sealed (AES-GCM in the client, key never sent)")
    Channels.Channel open(@AuthenticationPrincipal CurrentUser user, @RequestBody Sealed body) {
        return channels.open(user, body == null ? null : body.box());
    }

    @GetMapping({"/channels/data/{id}/messages", "/api/v1/channels/{id}/messages"})
    @Operation(summary = "Sealed messages of a channel after a message id, oldest first")
    List<Channels.Box> messages(@AuthenticationPrincipal CurrentUser user, @PathVariable String id,
                                @RequestParam(defaultValue = "0") long after) {
        return channels.messages(user, id, after);
    }

    @PostMapping({"/channels/data/{id}/messages", "/api/v1/channels/{id}/messages"})
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a sealed message to a channel")
    Channels.Box post(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, @RequestBody Sealed body) {
        return channels.post(user, id, body == null ? null : body.box());
    }
}
