package org.polder.voice;

import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.work.CollectiveAgreements;
import org.polder.work.PayFloor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.List;

/**
 * Collective agreements between a representative body and the platform: a union that workers mandate (through one of
 * its agents) or the workers' elected representatives propose minimum hourly rates per kind of work or shift role;
 * an admin signs for the platform; posting then enforces them ({@link PayFloor#minimumFor}).
 */
@Service
public class Agreements {

    /** How the elected representatives are named as a party. */
    static final String REPRESENTATIVES = "The workers' elected representatives";

    private final CollectiveAgreements agreements;
    private final Unions unions;
    private final Representatives representatives;
    private final PayFloor floor;

    Agreements(CollectiveAgreements agreements, Unions unions, Representatives representatives, PayFloor floor) {
        this.agreements = agreements;
        this.unions = unions;
        this.representatives = representatives;
        this.floor = floor;
    }

    /** A body proposes: with {@code unionId}, a union's agent for it; without, an elected representative for all of them. */
    @Transactional
    public CollectiveAgreements.Agreement propose(CurrentUser user, Long unionId, String name, String kind, String role,
                                                  Long hourlyMinimumCents, LocalDate validFrom, LocalDate validUntil) {
        String party;
        if (unionId != null) {
            party = unions.speakingFor(user, unionId).name();
        } else {
            representatives.requireRepresentative(user);
            party = REPRESENTATIVES;
        }
        user.real();
        return agreements.propose(party, user.id(), name, kind, role, hourlyMinimumCents, validFrom, validUntil, floor.hourlyCents());
    }

    /** An admin signs for the platform; from its first day, posting enforces it. */
    @Transactional
    public CollectiveAgreements.Agreement sign(CurrentUser admin, long id) {
        admin.require(Role.ADMIN);
        return agreements.sign(id, admin.id());
    }

    @Transactional(readOnly = true)
    public List<CollectiveAgreements.Agreement> list() {
        return agreements.list();
    }

    /** Whether this person may propose an agreement: a representative, or an agent of a union workers mandate. */
    @Transactional(readOnly = true)
    public List<Unions.Union> proposingFor(CurrentUser user) {
        return unions.actsFor(user.id()).stream().map(u -> unions.get(user, u)).filter(u -> u.mandates() > 0).toList();
    }

    public boolean representative(CurrentUser user) {
        return representatives.isRepresentative(user.id());
    }
}
