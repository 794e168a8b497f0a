package org.polder.oversight;

import org.polder.shift.ShiftDecision;
import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.microtask.Batch;
import org.polder.microtask.Claiming;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.polder.work.WorkKind;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Nobody decides their own case: a moderator who also works neither sees nor answers their own appeal,
 * suspension, safety report or automated decision; another moderator does. (No-shows: ShiftIT.)
 */
class OwnCaseIT extends PolderIT {

    @Autowired Suspensions suspensions;
    @Autowired Appeals appeals;
    @Autowired Decisions decisions;
    @Autowired SafetyReports safetyReports;
    @Autowired Claiming claiming;

    static void ownCase(Runnable action) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo("problem.moderation.ownCase"));
    }

    @Test
    void aModeratorCannotAnswerTheirOwnAppealNorLiftTheirOwnSuspension() {
        CurrentUser mw = fixtures.moderatingWorker();
        Decision suspended = suspensions.suspend(fixtures.moderator(), mw.id(), "Copied answers in three batches", null);
        Appeal appeal = appeals.appeal(mw, suspended.id(), "I did not copy anything");

        assertThat(appeals.queue(mw)).extracting(Appeal::id).doesNotContain(appeal.id());
        ownCase(() -> appeals.decide(mw, appeal.id(), true, "Upheld by me"));
        ownCase(() -> suspensions.lift(mw, mw.id(), "I lift my own"));
        ownCase(() -> suspensions.suspend(mw, mw.id(), "Suspending myself for a laugh", null));
        // Through the API, too: 403 and nothing changed.
        Api me = api().login(mw.username(), Fixtures.PASSWORD);
        Api.Response refused = me.post("/api/v1/moderation/appeals/" + appeal.id() + "/decision", Map.of("upheld", true, "answer", "mine"));
        assertThat(refused.status()).as(refused.body()).isIn(403, 404);
        assertThat(appeals.mine(mw)).filteredOn(a -> a.id() == appeal.id()).singleElement().extracting(Appeal::state).isEqualTo(Appeal.State.OPEN);

        CurrentUser other = fixtures.moderator();
        assertThat(appeals.queue(other)).extracting(Appeal::id).contains(appeal.id());
        appeals.decide(other, appeal.id(), true, "No copying found");
        assertThat(appeals.mine(mw)).filteredOn(a -> a.id() == appeal.id()).singleElement().extracting(Appeal::state).isEqualTo(Appeal.State.UPHELD);
    }

    @Test
    void aModeratorCannotOverrideAnAutomatedDecisionAboutThemselves() {
        CurrentUser mw = fixtures.moderatingWorker();
        long id = fixtures.transactions().execute(t -> decisions.record(Decisions.Draft.about(mw.id(), ShiftDecision.HOURS_SETTLED)
                .rule("shift.hours-settlement", 1)
                .work(WorkKind.SHIFT, null, null, null)
                .effect("Paid")
                .reason("The requester did not answer")));
        assertThat(decisions.automated(mw, null, 500)).extracting(Decision::id).doesNotContain(id);
        ownCase(() -> appeals.override(mw, id, "Overriding my own"));
        assertThat(decisions.automated(fixtures.moderator(), null, 500)).extracting(Decision::id).contains(id);
    }

    @Test
    void aModeratorCannotAnswerTheirOwnSafetyReport() {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 2, 40, 1);
        CurrentUser mw = fixtures.moderatingWorker();
        long assignment = claiming.claim(mw, batch.id()).orElseThrow();
        SafetyReport report = safetyReports.report(mw, assignment, SafetyReport.Category.HARASSMENT, "The task text insults me");
        assertThat(safetyReports.queue(mw)).extracting(SafetyReport::id).doesNotContain(report.id());
        ownCase(() -> safetyReports.respond(mw, report.id(), "Handled by me"));
        assertThat(safetyReports.queue(fixtures.moderator())).extracting(SafetyReport::id).contains(report.id());
    }
}
