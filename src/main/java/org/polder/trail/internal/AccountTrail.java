package org.polder.trail.internal;

import org.polder.account.AccountRegistered;
import org.polder.account.RolesChanged;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Records account events in the trail, inside the transaction that changed the account. */
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

    @EventListener
    void on(org.polder.account.TeamChanged event) {
        TrailEntry entry = TrailEntry.of("TEAM_CHANGED").by(event.by()).organisation(event.organisationId()).with("change", event.change());
        if (event.about() != null) {
            entry = entry.aboutWorker(event.about());
        }
        for (java.util.Map.Entry<String, Object> d : event.details().entrySet()) {
            entry = entry.with(d.getKey(), d.getValue());
        }
        trail.record(entry);
    }

    @EventListener
    void on(RolesChanged event) {
        trail.record(TrailEntry.of("ROLES_CHANGED").aboutWorker(event.accountId()).by(event.changedBy())
                .organisation(event.organisationId())
                .with("before", event.before().stream().map(Enum::name).sorted().toList())
                .with("after", event.after().stream().map(Enum::name).sorted().toList()));
    }
}
