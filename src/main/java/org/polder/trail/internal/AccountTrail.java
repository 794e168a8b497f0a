package org.polder.trail.internal;

import org.polder.account.AccountRegistered;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Starts a worker's chain when the account is opened, in the registering transaction. */
@Component
class AccountTrail {

    private final Trail trail;

    AccountTrail(Trail trail) {
        this.trail = trail;
    }

    @EventListener
    void on(AccountRegistered event) {
        trail.record(TrailEntry.of("ACCOUNT_REGISTERED").aboutWorker(event.accountId()).by(event.accountId())
                .organisation(event.organisationId())
                .with("username", event.username()).with("roles", event.roles().stream().map(Enum::name).sorted().toList()));
    }
}
