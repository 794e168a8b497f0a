package org.polder.notify;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.common.Words;
import org.polder.errand.Dispatch;
import org.polder.errand.Duty;
import org.polder.errand.Errand;
import org.polder.errand.Errands;
import org.polder.errand.Place;
import org.polder.microtask.Claiming;
import org.polder.microtask.Reviews;
import org.polder.microtask.Submissions;
import org.polder.oversight.Decisions;
import org.polder.oversight.OversightDecision;
import org.polder.shift.Application;
import org.polder.shift.Selection;
import org.polder.shift.Shift;
import org.polder.shift.Shifts;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Notices are written with the change they tell of (never for a change rolled back), reach the right person for
 * every kind of work, and each person reads and marks only their own.
 */
class NotificationsIT extends PolderIT {

    @Autowired Notifications notifications;
    @Autowired Decisions decisions;
    @Autowired ApplicationEventPublisher events;
    @Autowired Shifts shifts;
    @Autowired Selection selection;
    @Autowired Claiming claiming;
    @Autowired Submissions submissions;
    @Autowired Reviews reviews;
    @Autowired Duty duty;
    @Autowired Errands errands;
    @Autowired Dispatch dispatch;
    @Autowired org.polder.export.Exports exports;

    List<Notification> of(CurrentUser who) {
        return notifications.mine(who, 0, 50).items();
    }

    @Test
    void aNoticeExistsExactlyWhenTheChangeItTellsOfDoes() {
        CurrentUser worker = fixtures.worker();
        // Rolled back with the decision it was about: nobody is told of what did not happen.
        assertThatThrownBy(() -> fixtures.transactions().executeWithoutResult(tx -> {
            decisions.record(Decisions.Draft.about(worker.id(), OversightDecision.ACCOUNT_SUSPENDED).by(fixtures.moderator().id())
                    .effect(Words.of("decision.effect.suspended")).reason("Test"));
            throw new IllegalStateException("the change fails after the decision was written");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(of(worker)).isEmpty();
        // Outside a transaction a notice cannot be written at all (it would be unbound to any change).
        assertThatThrownBy(() -> events.publishEvent(Notice.to(worker.id(), NoticeKind.DECISION, Words.of("notice.said", "x"))))
                .hasMessageContaining("transaction");
        assertThat(of(worker)).isEmpty();

        fixtures.transactions().executeWithoutResult(tx -> decisions.record(Decisions.Draft.about(worker.id(), OversightDecision.ACCOUNT_SUSPENDED)
                .by(fixtures.moderator().id()).effect(Words.of("decision.effect.suspended")).reason("Test")));
        assertThat(of(worker)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NoticeKind.SUSPENSION);
            assertThat(n.text().key()).isEqualTo("decision.effect.suspended");
            assertThat(n.unread()).isTrue();
        });
        assertThat(notifications.unread(worker.id())).isEqualTo(1);
    }

    @Test
    void aShiftPlaceTheWaitlistAndANewApplicantAreToldToTheRightPeople() {
        Fixtures.Client cafe = fixtures.client();
        CurrentUser colleague = fixtures.colleagueOf(cafe.requester());
        Fixtures.Client otherCafe = fixtures.client();
        Instant start = clock.instant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        Shift s = shifts.post(cafe.requester(), new Shifts.ShiftSpec(cafe.role().id(), cafe.location().id(), start, start.plus(Duration.ofHours(4)),
                0, 1, 2000L, null, null, null, null, null, null)).get(0);
        CurrentUser chosen = fixtures.worker();
        CurrentUser waiting = fixtures.worker();
        selection.apply(chosen, s.id());
        selection.apply(waiting, s.id());
        // Both of the café's requesters hear of each applicant; the other café hears nothing.
        for (CurrentUser requester : List.of(cafe.requester(), colleague)) {
            assertThat(of(requester)).hasSize(2).allSatisfy(n -> {
                assertThat(n.kind()).isEqualTo(NoticeKind.APPLICANT);
                assertThat(n.link()).isEqualTo("/requester/shifts/" + s.id());
            });
            assertThat(of(requester).get(1).text().args()).contains(chosen.displayName());
        }
        assertThat(of(otherCafe.requester())).isEmpty();

        selection.select(cafe.requester(), s.id(), chosen.id());
        selection.decide(cafe.requester(), s.id(), waiting.id(), Application.State.WAITLISTED);
        assertThat(of(chosen)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NoticeKind.SHIFT);
            assertThat(n.text().key()).isEqualTo("decision.effect.shiftPlace");
        });
        assertThat(of(waiting)).singleElement().satisfies(n -> assertThat(n.text().key()).isEqualTo("notice.waitlisted"));
    }

    @Test
    void aReviewedTaskAndAnErrandOfferAreToldToTheirWorker() {
        CurrentUser requester = fixtures.requester();
        var batch = fixtures.published(requester, 1, 40, 1);
        CurrentUser worker = fixtures.worker();
        long a = claiming.claim(worker, batch.id()).orElseThrow();
        submissions.submit(worker, a, Map.of("label", "cat"));
        reviews.reject(requester, a, "The picture shows a dog");
        assertThat(of(worker)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NoticeKind.WORK_REVIEWED);
            assertThat(n.text().key()).isEqualTo("decision.effect.rejected");
        });

        CurrentUser shop = fixtures.requester();
        fixtures.fund(shop, 100_000);
        double lat = ThreadLocalRandom.current().nextDouble(-50, 50), lng = ThreadLocalRandom.current().nextDouble(-150, 150);
        CurrentUser courier = fixtures.worker();
        duty.goOnDuty(courier);
        duty.position(courier, lat + 0.003, lng);
        errands.book(shop, new Errands.ErrandSpec(new Place("Bakery, Main Street 1", lat, lng), new Place("Flat 3, Canal 20", lat - 0.02, lng + 0.01),
                "Sam", null, null, "Two boxes", Errand.Proof.PIN, null));
        assertThat(dispatch.current(courier)).isPresent();
        assertThat(of(courier)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NoticeKind.ERRAND_OFFER);
            assertThat(n.link()).isEqualTo("/courier");
        });
    }

    @Autowired org.polder.shift.Hours hours;
    @Autowired org.polder.errand.Delivery delivery;
    @Autowired org.polder.ledger.Payouts payouts;

    @Test
    void whoeverActsNextIsToldHoursToConfirmADeliveryAndAPaidPayout() {
        // A worker checks out: the café's requesters are told to confirm the hours.
        Fixtures.Client cafe = fixtures.client();
        Instant start = clock.instant().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MINUTES);
        Shift s = shifts.post(cafe.requester(), new Shifts.ShiftSpec(cafe.role().id(), cafe.location().id(), start, start.plus(Duration.ofHours(2)),
                0, 1, 2000L, null, null, null, null, null, null)).get(0);
        CurrentUser worker = fixtures.worker();
        selection.apply(worker, s.id());
        long a = selection.select(cafe.requester(), s.id(), worker.id()).assignmentId();
        clock.advance(Duration.between(clock.instant(), start));
        hours.checkIn(worker, a, null);
        clock.advance(Duration.ofHours(2));
        hours.checkOut(worker, a, new org.polder.shift.Hours.Times(start, start.plus(Duration.ofHours(2)), 0));
        assertThat(of(cafe.requester())).filteredOn(n -> n.kind() == NoticeKind.HOURS).singleElement().satisfies(n -> {
            assertThat(n.text().key()).isEqualTo("notice.hoursToConfirm");
            assertThat(n.link()).isEqualTo("/requester/shifts/" + s.id());
        });

        // A courier delivers: the shop is told, with the errand's page.
        CurrentUser shop = fixtures.requester();
        fixtures.fund(shop, 100_000);
        double lat = ThreadLocalRandom.current().nextDouble(-50, 50), lng = ThreadLocalRandom.current().nextDouble(-150, 150);
        CurrentUser courier = fixtures.worker();
        duty.goOnDuty(courier);
        duty.position(courier, lat + 0.003, lng);
        Errand e = errands.book(shop, new Errands.ErrandSpec(new Place("Bakery, Main Street 1", lat, lng), new Place("Flat 3, Canal 20", lat - 0.02, lng + 0.01),
                "Sam", null, null, "Two boxes", Errand.Proof.PIN, null));
        dispatch.accept(courier, dispatch.current(courier).orElseThrow().id());
        delivery.advance(courier, e.id(), Errand.State.AT_PICKUP);
        delivery.advance(courier, e.id(), Errand.State.PICKED_UP);
        delivery.deliver(courier, e.id(), new org.polder.errand.Delivery.Proof(e.pin(), null, null));
        assertThat(of(shop)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NoticeKind.ERRAND);
            assertThat(n.link()).isEqualTo("/requester/errands/" + e.id());
            assertThat(n.text().args()).contains("Sam");
        });

        // The courier asks for a payout; when it is paid, they are told.
        fixtures.payable(courier, 0);
        long payout = payouts.request(courier.id(), 100).id();
        payouts.markPaid(fixtures.admin().id(), payout, "SEPA 2026-12-06");
        assertThat(of(courier)).filteredOn(n -> n.kind() == NoticeKind.PAYOUT).singleElement()
                .satisfies(n -> assertThat(n.text().key()).isEqualTo("notice.payoutPaid"));
    }

    @Autowired org.polder.voice.Consultations consultations;
    @Autowired org.springframework.context.MessageSource messages;
    @Autowired org.polder.microtask.internal.BatchNotices batchNotices;
    @Autowired org.polder.ledger.LowBalances lowBalances;

    @Test
    void requestersHearThatABatchIsDoneThatAnswersWaitForReviewAndThatTheirBalanceRunsLow() {
        CurrentUser requester = fixtures.requester();
        var batch = fixtures.published(requester, 2, 40, 1);
        CurrentUser worker = fixtures.worker();
        for (int i = 0; i < 2; i++) {
            long a = claiming.claim(worker, batch.id()).orElseThrow();
            submissions.submit(worker, a, Map.of("label", "cat"));
        }
        assertThat(of(requester)).filteredOn(n -> n.text().key().equals("notice.batchDone")).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NoticeKind.BATCH);
            assertThat(n.link()).isEqualTo("/requester/batches/" + batch.id());
            assertThat(n.text().args()).contains(batch.name());
        });
        // A day before the answers are approved without review, the requester is reminded, once that day.
        clock.advance(Duration.ofHours(batch.reviewWindowHours()).minus(Duration.ofHours(12)));
        batchNotices.remindReviews();
        batchNotices.remindReviews();
        assertThat(of(requester)).filteredOn(n -> n.text().key().equals("notice.reviewDue")).hasSize(1);

        // The balance: told once when low, again only after a top-up and a new fall.
        lowBalances.check();
        lowBalances.check();
        assertThat(of(requester)).filteredOn(n -> n.kind() == NoticeKind.BALANCE).hasSize(1);
        fixtures.fund(requester, 1_000_000);
        lowBalances.check();
        assertThat(of(requester)).filteredOn(n -> n.kind() == NoticeKind.BALANCE).hasSize(1);
    }

    @Test
    void workersAreRemindedOnceThatAConsultationClosesSoon() {
        CurrentUser worker = fixtures.worker();
        consultations.propose(fixtures.admin(), "pay.low-pay-min-assignments", String.valueOf(ThreadLocalRandom.current().nextInt(30, 90)),
                "Measure pay on more work before acting on it, so that one slow worker does not decide.", 14);
        clock.advance(Duration.ofDays(12).plusHours(12));
        consultations.remindClosing();
        consultations.remindClosing();
        assertThat(of(worker)).filteredOn(n -> n.text().key().equals("notice.consultationClosing")).hasSize(1);
    }


    @Test
    void approvalsInBulkAreOneNoticePerWorkerAndABonusIsTold() {
        CurrentUser requester = fixtures.requester();
        var batch = fixtures.published(requester, 3, 40, 1);
        CurrentUser worker = fixtures.worker();
        List<Long> done = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            long a = claiming.claim(worker, batch.id()).orElseThrow();
            submissions.submit(worker, a, Map.of("label", "cat"));
            done.add(a);
        }
        reviews.review(requester, done, Reviews.Decision.APPROVE, null);
        Notification approved = of(worker).stream().filter(n -> n.text().key().equals("notice.approved")).findFirst().orElseThrow();
        assertThat(of(worker)).filteredOn(n -> n.text().key().equals("notice.approved")).hasSize(1);
        assertThat(approved.text().in(messages, java.util.Locale.ENGLISH, java.time.ZoneId.of("Europe/Amsterdam")))
                .isEqualTo("2 of your answers are approved and paid: €0.80");
        fixtures.fund(requester, 1_000);
        reviews.bonus(requester, done.get(0), 25, "Careful work, thank you");
        assertThat(of(worker)).anyMatch(n -> n.text().key().equals("notice.bonus") && n.text().args().contains("Careful work, thank you"));
    }


    @Test
    void aWorkerIsRemindedOnceWithinTheHourBeforeTheirShiftAndEveryWorkerHearsOfAProposedRuleChange() {
        Fixtures.Client cafe = fixtures.client();
        Instant soon = clock.instant().plus(Duration.ofMinutes(50)).truncatedTo(ChronoUnit.MINUTES);
        Instant later = clock.instant().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
        CurrentUser worker = fixtures.worker();
        CurrentUser laterWorker = fixtures.worker();
        for (var pair : List.of(Map.entry(soon, worker), Map.entry(later, laterWorker))) {
            Shift s = shifts.post(cafe.requester(), new Shifts.ShiftSpec(cafe.role().id(), cafe.location().id(), pair.getKey(),
                    pair.getKey().plus(Duration.ofHours(3)), 0, 1, 2000L, null, null, null, null, null, null)).get(0);
            selection.apply(pair.getValue(), s.id());
            selection.select(cafe.requester(), s.id(), pair.getValue().id());
        }
        hours.remindCheckIns(1000);
        hours.remindCheckIns(1000);
        assertThat(of(worker)).filteredOn(n -> n.text().key().equals("notice.checkInSoon")).singleElement()
                .satisfies(n -> assertThat(n.text().args()).contains(cafe.role().name()));
        assertThat(of(laterWorker)).noneMatch(n -> n.text().key().equals("notice.checkInSoon"));

        consultations.propose(fixtures.admin(), "pay.low-pay-min-assignments", String.valueOf(ThreadLocalRandom.current().nextInt(30, 90)),
                "Measure pay on more work before acting on it, so that one slow worker does not decide.", null);
        for (CurrentUser someone : List.of(worker, laterWorker)) {
            assertThat(of(someone)).anyMatch(n -> n.kind() == NoticeKind.CONSULTATION && n.link().equals("/consultations"));
        }
        assertThat(of(cafe.requester())).noneMatch(n -> n.kind() == NoticeKind.CONSULTATION);
    }

    @Test
    void eachPersonReadsAndMarksOnlyTheirOwnNotices() {
        CurrentUser worker = fixtures.worker();
        CurrentUser other = fixtures.worker();
        for (int i = 0; i < 3; i++) {
            fixtures.transactions().executeWithoutResult(tx -> events.publishEvent(Notice.to(worker.id(), NoticeKind.DECISION, Words.of("notice.said", "hello"))));
        }
        Api me = api().login(worker.username(), Fixtures.PASSWORD);
        Api them = api().login(other.username(), Fixtures.PASSWORD);
        Api.Response list = me.get("/api/v1/me/notifications");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("total").asLong()).isEqualTo(3);
        assertThat(list.json().get("items").get(0).get("text").asString()).isEqualTo("hello");
        long first = list.json().get("items").get(0).get("id").asLong();
        assertThat(them.get("/api/v1/me/notifications").json().get("total").asLong()).isZero();
        // Someone else's notice is not found, and stays unread.
        assertThat(them.post("/api/v1/me/notifications/" + first + "/read", Map.of()).status()).isEqualTo(404);
        assertThat(me.get("/api/v1/me/notifications/unread").json().get("unread").asLong()).isEqualTo(3);
        assertThat(me.post("/api/v1/me/notifications/" + first + "/read", Map.of()).json().get("unread").asLong()).isEqualTo(2);
        assertThat(me.post("/api/v1/me/notifications/read", Map.of()).json().get("unread").asLong()).isZero();
        assertThat(notifications.unread(worker.id())).isZero();
        assertThat(api().get("/api/v1/me/notifications").status()).isEqualTo(401);

        // The history is the worker's: in their data export, and theirs to delete (nobody else's goes with it).
        fixtures.transactions().executeWithoutResult(tx -> events.publishEvent(Notice.to(other.id(), NoticeKind.DECISION, Words.of("notice.said", "theirs"))));
        String exported = new String(org.polder.testing.Zips.unzip(exports.zip(worker)).get("notifications.json"), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(exported).contains("notice.said", "hello").doesNotContain("theirs");
        assertThat(me.delete("/api/v1/me/notifications", null).status()).isEqualTo(200);
        assertThat(notifications.mine(worker, 0, 10).total()).isZero();
        assertThat(notifications.mine(other, 0, 10).total()).isEqualTo(1);
    }
}
