package org.polder.microtask.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.polder.account.Accounts;
import org.polder.microtask.RequesterRecords;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/requesters")
@Tag(name = "Requester records", description = "What workers see of a requester before taking work")
class RequesterRecordApiController {

    private final RequesterRecords records;
    private final Accounts accounts;

    RequesterRecordApiController(RequesterRecords records, Accounts accounts) {
        this.records = records;
        this.accounts = accounts;
    }

    @GetMapping("/{organisationId}/record")
    @Operation(summary = "A requester's measured record: median pay per active hour, rejection rate, median review time")
    RequesterRecords.RequesterRecord record(@PathVariable long organisationId) {
        accounts.organisation(organisationId);
        return records.of(organisationId);
    }
}
