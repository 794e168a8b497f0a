package org.polder.shift;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.ledger.Fees;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.shift.internal.RateRaises;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A shift still short of people rises by itself to the ceiling its requester set, in four steps before the start,
 * funded at once; never once filled, never twice for one step, never beyond what the organisation can pay.
 */
class RateRaisesIT extends PolderIT {

    @Autowired
    Shifts shifts;
    @Autowired
    Selection selection;
    @Autowired
    RateRaises raises;
    @Autowired
    Ledger ledger;
    @Autowired
    Fees fees;
    @Autowired
    Places places;

    @Test
    void anUnfilledShiftRisesStepByStepToItsCeilingAndTheEscrowFollows() throws Exception {
        Fixtures.Client c = fixtures.client();
        Instant start = clock.instant().plus(Duration.ofHours(60)).truncatedTo(ChronoUnit.MINUTES);
        Shift s = post(c, start, 2, 2000L, 2800L);
        assertThat(s.rateCeiling()).isEqualTo(2800L);
        long escrow0 = escrow(s);
        assertThat(escrow0).isEqualTo(2 * (s.pay() + s.fee()));

        raises.raiseDue();
        assertThat(shifts.get(s.id()).hourlyRate()).as("nothing due 60 hours before").isEqualTo(2000);
        clock.advance(Duration.ofHours(13));                      // 47 hours before: the first step, a quarter of the way
        // Two rounds at once (as on two nodes): the step is taken, and funded, once.
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(raises::raiseDue);
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(raises::raiseDue);
        a.get();
        b.get();
        Shift once = shifts.get(s.id());
        assertThat(once.hourlyRate()).isEqualTo(2200);
        assertThat(escrow(s)).isEqualTo(2 * (once.pay() + once.fee()));
        raises.raiseDue();
        assertThat(escrow(s)).isEqualTo(2 * (once.pay() + once.fee()));

        CurrentUser ann = fixtures.worker();
        selection.apply(ann, s.id());
        selection.select(c.requester(), s.id(), ann.id());   // one of two places filled: still short
        clock.advance(Duration.ofHours(42));                      // 5 hours before: all four steps are due
        raises.raiseDue();
        Shift top = shifts.get(s.id());
        assertThat(top.hourlyRate()).isEqualTo(2800);
        assertThat(top.pay()).isEqualTo(Shift.payFor(2800, 240));
        assertThat(escrow(s)).isEqualTo(2 * (top.pay() + top.fee()));
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void aFilledShiftStaysAndAStepTheOrganisationCannotPayIsLeftOut() {
        Fixtures.Client c = fixtures.client();
        Instant start = clock.instant().plus(Duration.ofHours(30)).truncatedTo(ChronoUnit.MINUTES);
        Shift filled = post(c, start, 1, 2000L, 3000L);
        CurrentUser ann = fixtures.worker();
        selection.apply(ann, filled.id());
        selection.select(c.requester(), filled.id(), ann.id());

        // An organisation with exactly the first escrow and nothing more.
        CurrentUser poor = fixtures.requester();
        var location = places.addLocation(poor, new Places.LocationSpec("Bakery", "Dorpsstraat 1, Utrecht", 52.09, 5.12));
        var role = places.addRole(poor, new Places.RoleSpec("Baker", "Bread", null, 0, "Apron", "Back door", "Piet"));
        long pay = Shift.payFor(2000, 240);
        fixtures.fund(poor, pay + fees.feeFor(pay));
        Shift broke = shifts.post(poor, new Shifts.ShiftSpec(role.id(), location.id(), start, start.plus(Duration.ofHours(4)), 0, 1, 2000L,
                null, null, null, null, null, null, 2400L)).get(0);

        raises.raiseDue();
        assertThat(shifts.get(filled.id()).hourlyRate()).isEqualTo(2000);
        assertThat(shifts.get(broke.id()).hourlyRate()).as("not funded: the rate stays").isEqualTo(2000);
        assertThat(ledger.audit()).isEmpty();

        assertThatThrownBy(() -> post(c, start, 1, 2000L, 2000L)).hasMessageContaining("rateCeiling");
    }

    private Shift post(Fixtures.Client c, Instant start, int headcount, long rate, Long ceiling) {
        return shifts.post(c.requester(), new Shifts.ShiftSpec(c.role().id(), c.location().id(), start, start.plus(Duration.ofHours(4)), 0,
                headcount, rate, null, null, null, null, null, null, ceiling)).get(0);
    }

    private long escrow(Shift s) {
        return ledger.balance(LedgerAccount.shiftEscrow(s.id()));
    }
}
