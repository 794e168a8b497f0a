package org.polder.sandbox;

import org.polder.account.CurrentUser;
import org.polder.account.PlayAccounts;
import org.polder.common.DomainException;
import org.polder.ledger.Funding;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.ledger.Money;
import org.polder.microtask.Templates;
import org.polder.shift.Places;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;

/**
 * An organisation's sandbox with its play money. Opening it gives {@link #START} in play money; members who change the
 * work (owners, managers) may add more, up to {@link #MOST_AT_ONCE} at a time. Play money never becomes real: it is not
 * paid out, not in the books reconciled with the bank, not in any worker's figures.
 */
@Service
public class Sandboxes {

    /** Play money a new sandbox starts with: €1,000. */
    public static final long START = 100_000;
    /** The most play money added at once: €10,000. */
    public static final long MOST_AT_ONCE = 1_000_000;

    /** What a member sees of their organisation's sandbox. */
    public record SandboxView(long organisationId, String name, Money balance, Money testWorkerBalance) {
    }

    private final PlayAccounts play;
    private final Funding funding;
    private final Ledger ledger;
    private final Templates templates;
    private final Places places;

    Sandboxes(PlayAccounts play, Funding funding, Ledger ledger, Templates templates, Places places) {
        this.play = play;
        this.funding = funding;
        this.ledger = ledger;
        this.templates = templates;
        this.places = places;
    }

    /**
     * Opens the organisation's sandbox with its play money and a copy of the organisation's task templates, shift
     * locations and roles, so that work can be tried as it will be posted; the same sandbox, unchanged, if it is open.
     */
    @Transactional
    public SandboxView open(CurrentUser member) {
        PlayAccounts.Sandbox s = play.open(play.mayTry(member));
        if (!ledger.inPlay(LedgerAccount.organisation(s.organisationId()))) {
            funding.play(member.id(), s.organisationId(), START);
            copyWhatWorkNeeds(member, play.enter(member, false));
        }
        return view(s);
    }

    /** Templates, locations and roles as the organisation has them; a role's qualification stays behind (it is the organisation's). */
    private void copyWhatWorkNeeds(CurrentUser member, CurrentUser sandbox) {
        templates.list(member).forEach(t -> templates.create(sandbox, t.spec()));
        places.locations(member).forEach(l -> places.addLocation(sandbox, new Places.LocationSpec(l.name(), l.address(), l.latitude(), l.longitude())));
        places.roles(member).forEach(r -> places.addRole(sandbox, new Places.RoleSpec(r.name(), r.skills(), null, 0, r.clothing(), r.briefing(), r.contact())));
    }

    /** Adds play money to the sandbox, in cents. */
    @Transactional
    public SandboxView addPlayMoney(CurrentUser member, long cents) {
        PlayAccounts.Sandbox s = play.sandboxFor(member);
        if (cents < 1 || cents > MOST_AT_ONCE) {
            throw DomainException.invalid("amount: from 0.01 to 10,000 euros of play money at a time, was " + Money.euros(cents))
                    .code("problem.sandbox.amount");
        }
        funding.play(member.id(), s.organisationId(), cents);
        return view(s);
    }

    /** The sandbox of the member's organisation, or of the sandbox a test account plays in; empty when none is open. */
    @Transactional(readOnly = true)
    public Optional<SandboxView> of(CurrentUser member) {
        Optional<PlayAccounts.Sandbox> s = member.inSandbox() ? play.playing(member.id())
                : member.organisationId() == null ? Optional.empty() : play.of(member.organisation());
        return s.map(this::view);
    }

    private SandboxView view(PlayAccounts.Sandbox s) {
        return new SandboxView(s.organisationId(), s.name(), ledger.balanceOf(LedgerAccount.organisation(s.organisationId())),
                ledger.balanceOf(LedgerAccount.worker(s.workerId())));
    }
}
