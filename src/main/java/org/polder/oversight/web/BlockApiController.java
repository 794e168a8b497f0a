package org.polder.oversight.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.polder.account.CurrentUser;
import org.polder.oversight.Blocks;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** A requester's blocks of workers from their organisation's work. */
@RestController
@RequestMapping("/api/v1/organisation/blocks")
@Tag(name = "Blocks", description = "Block a worker from your organisation's work (every kind), with a reason the worker reads and can appeal")
class BlockApiController {

    private final Blocks blocks;

    BlockApiController(Blocks blocks) {
        this.blocks = blocks;
    }

    record BlockRequest(long workerId, @Size(max = 1000) String reason) {
    }

    @GetMapping
    @Operation(summary = "The workers your organisation blocks, newest first")
    List<Blocks.Block> list(@AuthenticationPrincipal CurrentUser user) {
        return blocks.ofOrganisation(user);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Block a worker from your organisation's work, with a reason (a decision the worker reads and can appeal)")
    Blocks.Block block(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody BlockRequest request) {
        return blocks.block(user, request.workerId(), request.reason());
    }

    @DeleteMapping("/{workerId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Lift your block of a worker")
    void unblock(@AuthenticationPrincipal CurrentUser user, @PathVariable long workerId) {
        blocks.unblock(user, workerId);
    }
}
