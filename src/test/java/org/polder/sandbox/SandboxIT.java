package org.polder.sandbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.account.MemberRole;
import org.polder.account.PlayAccounts;
import org.polder.account.Teams;
import org.polder.common.DomainException;
import org.polder.errand.Delivery;
import org.polder.errand.Dispatch;
import org.polder.errand.Duty;
import org.polder.errand.Errand;
import org.polder.errand.Errands;
import org.polder.errand.Place;
import org.polder.export.AuthorityReport;
import org.polder.ledger.Leg;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.ledger.Money;
import org.polder.ledger.Payouts;
import org.polder.microtask.AvailableBatch;
import org.polder.microtask.Batch;
import org.polder.microtask.Batches;
import org.polder.microtask.Claiming;
import org.polder.microtask.Reviews;
import org.polder.microtask.Submissions;
import org.polder.shift.Hours;
import org.polder.shift.Places;
import org.polder.shift.Selection;
import org.polder.shift.Shift;
import org.polder.shift.Shifts;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.polder.testing.WebSession;
import org.polder.work.WorkKind;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A sandbox: every kind of work runs there on play money, done by the sandbox's test worker; real workers never see or
 * take it, the test worker never takes real work; play money never reaches the books reconciled with the bank, a payout
 * or any worker's figures, and the ledger refuses to mix it with real money. Members enter it from their own account.
 */
class SandboxIT extends PolderIT {

    @Autowired Sandboxes sandboxes;
    @Autowired PlayAccounts play;
    @Autowired Ledger ledger;
    @Autowired Payouts payouts;
    @Autowired AuthorityReport authorityReport;
    @Autowired Batches batches;
    @Autowired Claiming claiming;
    @Autowired Submissions submissions;
    @Autowired Reviews reviews;
    @Autowired Places places;
    @Autowired Shifts shifts;
    @Autowired Selection selection;
    @Autowired Hours hours;
    @Autowired Errands errands;
    @Autowired Dispatch dispatch;
    @Autowired Delivery delivery;
    @Autowired Duty duty;
    @Autowired Teams teams;
    @Autowired org.polder.oversight.Blocks blocks;
    @Autowired org.polder.quality.Qualifications qualifications;
    @Autowired org.polder.microtask.Templates templates;
    @Autowired org.polder.oversight.Decisions decisions;
    @Autowired org.polder.oversight.Appeals appeals;
    @Autowired JdbcClient jdbc;
    @Autowired Accounts accounts;
    @Autowired org.polder.home.Bookings homeBookings;
    @Autowired org.polder.home.Visits homeVisits;
    @Autowired org.polder.home.HomeProfiles homeProfiles;

    @ParameterizedTest
    @EnumSource(WorkKind.class)
    void workOfEachKindRunsOnPlayMoneyAndReachesNoRealWorkerNorFigure(WorkKind kind) {
        Fixtures.Client client = fixtures.client();   // funded, with a location and a role
        CurrentUser owner = client.requester();
        fixtures.template(owner);
        Sandboxes.SandboxView opened = sandboxes.open(owner);
        assertThat(opened.balance()).isEqualTo(Money.euros(Sandboxes.START));
        assertThat(sandboxes.open(owner)).isEqualTo(opened);   // opening again changes nothing
        CurrentUser sandboxRequester = play.enter(owner, false);
        CurrentUser tester = play.enter(owner, true);
        assertThat(sandboxRequester.organisationId()).isEqualTo(opened.organisationId());
        // It opens with what the organisation posts work with: its templates, locations and roles (without qualifications).
        assertThat(templates.list(sandboxRequester)).extracting(org.polder.microtask.Template::title).containsExactly("Label ${item}");
        assertThat(places.locations(sandboxRequester)).extracting(org.polder.shift.Location::address).containsExactly(client.location().address());
        assertThat(places.roles(sandboxRequester)).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo(client.role().name());
            assertThat(r.minShifts()).isZero();
        });
        assertThat(tester.inSandbox()).isTrue();
        CurrentUser real = fixtures.worker();

        Instant from = clock.instant().minus(Duration.ofDays(1));
        var booksBefore = ledger.totalsByType();
        int[] peopleBefore = {authorityReport.between(from, from.plus(Duration.ofDays(30))).peopleWorking()};

        switch (kind) {
            case MICROTASK -> {
                Batch batch = batches.publish(sandboxRequester, fixtures.draft(sandboxRequester, 2, 20, 1).id());
                // Real workers neither see it nor take it; the test worker sees and takes no real work.
                assertThat(batches.available(real)).extracting(AvailableBatch::id).doesNotContain(batch.id());
                assertRefused(() -> claiming.claim(real, batch.id()));
                Batch realBatch = fixtures.published(owner, 1, 20, 1);
                assertThat(batches.available(tester)).extracting(AvailableBatch::id).contains(batch.id()).doesNotContain(realBatch.id());
                assertRefused(() -> claiming.claim(tester, realBatch.id()));
                assertThat(batches.hiddenByProfile(tester)).isZero();
                long a = claiming.claim(tester, null).orElseThrow();
                clock.advance(Duration.ofSeconds(25));
                submissions.submit(tester, a, Map.of("label", "cat"));
                reviews.approve(sandboxRequester, a);
            }
            case SHIFT -> {
                var location = places.locations(sandboxRequester).get(0);
                var role = places.roles(sandboxRequester).get(0);
                Instant start = clock.instant().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MINUTES);
                Shift s = shifts.post(sandboxRequester, new Shifts.ShiftSpec(role.id(), location.id(), start, start.plus(Duration.ofHours(2)), 0, 1,
                        2000L, null, null, null, null, null, null)).get(0);
                Shifts.FeedFilter all = new Shifts.FeedFilter(null, null, null, null, null, null, null, null);
                assertThat(shifts.feed(real, all)).extracting(i -> i.shift().id()).doesNotContain(s.id());
                assertRefused(() -> selection.apply(real, s.id()));
                assertThat(shifts.feed(tester, all)).extracting(i -> i.shift().id()).containsExactly(s.id());
                assertThat(shifts.hiddenByProfile(tester)).isZero();   // what a profile hides is counted within the same reach
                selection.apply(tester, s.id());
                long a = selection.select(sandboxRequester, s.id(), tester.id()).assignmentId();
                clock.advance(Duration.between(clock.instant(), start));
                hours.checkIn(tester, a, null);
                clock.advance(Duration.ofHours(2));
                hours.checkOut(tester, a, new Hours.Times(start, start.plus(Duration.ofHours(2)), 0));
                hours.accept(sandboxRequester, a);
            }
            case ERRAND -> {
                double lat = ThreadLocalRandom.current().nextDouble(-50, 50);
                double lng = ThreadLocalRandom.current().nextDouble(-150, 150);
                duty.goOnDuty(real);
                duty.position(real, lat + 0.001, lng);   // the nearest courier, and real: never offered play work
                duty.goOnDuty(tester);
                duty.position(tester, lat + 0.004, lng);
                Errand e = errands.book(sandboxRequester, new Errands.ErrandSpec(new Place("Bakery, Main Street 1", lat, lng),
                        new Place("Flat 3, Canal 20", lat - 0.02, lng + 0.01), "Sam", null, null, "Two boxes", Errand.Proof.PIN, null));
                assertThat(dispatch.current(real)).isEmpty();
                duty.goOffDuty(real);   // before time passes: a courier waiting on duty is owed the hourly minimum
                peopleBefore[0] = authorityReport.between(from, from.plus(Duration.ofDays(30))).peopleWorking();   // the real courier counts
                dispatch.accept(tester, dispatch.current(tester).orElseThrow().id());
                delivery.advance(tester, e.id(), Errand.State.AT_PICKUP);
                delivery.advance(tester, e.id(), Errand.State.PICKED_UP);
                clock.advance(Duration.ofMinutes(12));
                delivery.deliver(tester, e.id(), new Delivery.Proof(e.pin(), null, null));
                duty.goOffDuty(tester);
            }
            case HOME -> {
                double lat = ThreadLocalRandom.current().nextDouble(-50, 50);
                double lng = ThreadLocalRandom.current().nextDouble(-150, 150);
                List<org.polder.home.HomeProfile.WeeklySlot> always = java.util.stream.IntStream.rangeClosed(1, 7)
                        .mapToObj(d -> new org.polder.home.HomeProfile.WeeklySlot(d, 0, 1440)).toList();
                for (CurrentUser w : List.of(real, tester)) {
                    homeProfiles.set(w, new org.polder.home.HomeProfiles.HomeOffer(List.of("CLEANING"), "Base", lat, lng, 10, always, "Kim", "+31 6 1234 5678",
                            null, null), java.util.Locale.ENGLISH);
                }
                Instant start = clock.instant().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
                org.polder.home.Booking b = homeBookings.book(sandboxRequester, new org.polder.home.Bookings.BookingSpec("CLEANING", "Kerkstraat 5, 3511 AB Utrecht",
                        lat, lng, start, 120, 1600L, "Floors", null, false, true, false), java.util.Locale.ENGLISH);
                CurrentUser realHousehold = fixtures.household(100_000);
                org.polder.home.Booking realBooking = homeBookings.book(realHousehold, new org.polder.home.Bookings.BookingSpec("CLEANING",
                        "Kerkstraat 7, 3511 AB Utrecht", lat, lng, start, 120, 1600L, "Floors", null, false, true, false), java.util.Locale.ENGLISH);
                assertThat(homeBookings.open(real)).extracting(o -> o.booking().id()).contains(realBooking.id()).doesNotContain(b.id());
                assertRefused(() -> homeBookings.take(real, b.id()));
                assertThatThrownBy(() -> homeBookings.opening(real, b.id())).isInstanceOf(org.polder.common.NotFoundException.class);
                assertThat(homeBookings.open(tester)).extracting(o -> o.booking().id()).containsExactly(b.id());
                assertRefused(() -> homeBookings.take(tester, realBooking.id()));
                homeBookings.endBooking(realHousehold, realBooking.id(), "Only a test");   // its escrow back: the books as before
                homeBookings.take(tester, b.id());
                long visit = homeBookings.visits(b.id()).get(0).id();
                clock.advance(Duration.between(clock.instant(), start));
                homeVisits.checkIn(tester, visit, new org.polder.home.Visits.VisitPosition(lat, lng));
                clock.advance(Duration.ofHours(2));
                homeVisits.checkOut(tester, visit, 120, true, null);
                homeVisits.confirm(sandboxRequester, visit);
            }
        }

        // The test worker was paid in play money; the sandbox paid it from play money.
        Sandboxes.SandboxView after = sandboxes.of(owner).orElseThrow();
        assertThat(after.testWorkerBalance().cents()).isPositive();
        assertThat(after.balance().cents()).isLessThan(Sandboxes.START);
        assertThat(ledger.inPlay(LedgerAccount.worker(tester.id()))).isTrue();
        assertThat(ledger.balance(LedgerAccount.worker(real.id()))).isZero();
        // The books reconciled with the bank (the platform's fees, workers' balances, escrows of shifts and errands) and the
        // figures about workers did not move.
        var booksAfter = ledger.totalsByType();
        for (LedgerAccount.Type type : List.of(LedgerAccount.Type.PLATFORM_FEES, LedgerAccount.Type.GUARANTEE_FUND, LedgerAccount.Type.WORKER,
                LedgerAccount.Type.PAYOUT_PENDING, LedgerAccount.Type.SHIFT_ESCROW, LedgerAccount.Type.ERRAND_ESCROW,
                LedgerAccount.Type.VISIT_ESCROW)) {
            assertThat(booksAfter.get(type)).as(type.name()).isEqualTo(booksBefore.get(type));
        }
        assertThat(booksAfter.get(LedgerAccount.Type.PLAY_MONEY)).isZero();
        assertThat(authorityReport.between(from, from.plus(Duration.ofDays(30))).peopleWorking()).isEqualTo(peopleBefore[0]);
        assertThat(ledger.audit()).isEmpty();

        // A real worker taking any task is never given the sandbox's.
        if (kind == WorkKind.MICROTASK) {
            claiming.claim(real, null).ifPresent(a -> assertThat(jdbc.sql("SELECT t.batch_id FROM assignment a JOIN task t ON t.id = a.task_id WHERE a.id = ?")
                    .param(a).query(Long.class).single()).isNotEqualTo(jdbc.sql("SELECT MAX(id) FROM batch WHERE organisation_id = ?")
                    .param(opened.organisationId()).query(Long.class).single()));
        }

        // Play money is never paid out.
        assertThatThrownBy(() -> payouts.request(tester.id(), 10)).isInstanceOf(DomainException.class)
                .satisfies(e -> assertThat(((DomainException) e).code()).isEqualTo("problem.sandbox.noPayout"));
    }

    @Test
    void whatHappensInASandboxIsNoCaseForTheModerators() {
        CurrentUser owner = fixtures.requester();
        sandboxes.open(owner);
        CurrentUser sandboxRequester = play.enter(owner, false);
        CurrentUser tester = play.enter(owner, true);
        Batch batch = batches.publish(sandboxRequester, fixtures.draft(sandboxRequester, 1, 20, 1).id());
        long a = claiming.claim(tester, batch.id()).orElseThrow();
        submissions.submit(tester, a, Map.of("label", "cat"));
        long decidedBefore = decidedInAll();
        reviews.reject(sandboxRequester, a, "Trying what a rejection looks like");
        org.polder.oversight.Decision rejected = decisions.forWorker(tester.id(), 0, 10).items().get(0);
        org.polder.oversight.Appeal appeal = appeals.appeal(tester, rejected.id(), "Trying what an appeal looks like");
        // The test worker sees their decision and appeal as any worker would; moderators are not asked.
        assertThat(appeals.mine(tester)).extracting(org.polder.oversight.Appeal::id).contains(appeal.id());
        CurrentUser moderator = fixtures.moderator();
        assertThat(appeals.queue(moderator)).extracting(org.polder.oversight.Appeal::id).doesNotContain(appeal.id());
        assertThat(decisions.automated(moderator, null, 500)).extracting(org.polder.oversight.Decision::workerId).doesNotContain(tester.id());
        assertThat(decidedInAll()).isEqualTo(decidedBefore);   // nor in the figures representatives and authorities read
        assertThat(jdbc.sql("SELECT COUNT(*) FROM decision WHERE worker_id = ?").param(tester.id()).query(Long.class).single()).isPositive();
    }

    @Test
    void aSandboxActsOnNoRealWorkerAndNoOrganisationOnATestWorker() {
        CurrentUser owner = fixtures.requester();
        sandboxes.open(owner);
        CurrentUser sandboxRequester = play.enter(owner, false);
        CurrentUser tester = play.enter(owner, true);
        CurrentUser real = fixtures.worker();
        // No block, pool place or qualification from a sandbox reaches a real worker's record ...
        assertThatThrownBy(() -> blocks.block(sandboxRequester, real.id(), "Trying what a block looks like")).hasMessageContaining("no worker");
        assertThatThrownBy(() -> selection.addToPool(sandboxRequester, real.id())).isInstanceOf(org.polder.common.NotFoundException.class);
        long sandboxQualification = qualifications.create(sandboxRequester, "Careful", "Tried").id();
        assertThatThrownBy(() -> qualifications.grant(sandboxRequester, sandboxQualification, real.id(), 90, "Tried"))
                .isInstanceOf(org.polder.common.NotFoundException.class);
        assertThat(decisions.forWorker(real.id(), 0, 10).items()).isEmpty();
        // ... and no real organisation acts on a test worker; the sandbox acts on its own.
        assertThatThrownBy(() -> blocks.block(owner, tester.id(), "A real block on a test account")).hasMessageContaining("no worker");
        selection.addToPool(sandboxRequester, tester.id());
        assertThat(qualifications.grant(sandboxRequester, sandboxQualification, tester.id(), 90, "Tried").score()).isEqualTo(90);
    }

    private long decidedInAll() {
        return decisions.outcomes(clock.instant().minus(Duration.ofDays(1)), clock.instant().plus(Duration.ofDays(1))).stream()
                .mapToLong(org.polder.oversight.Decisions.RuleOutcome::decisions).sum();
    }

    @Test
    void theLedgerNeverMixesPlayMoneyWithRealMoney() {
        CurrentUser owner = fixtures.requester();
        fixtures.fund(owner, 10_000);
        long sandbox = sandboxes.open(owner).organisationId();
        Money ten = Money.euros(1_000);
        assertThatThrownBy(() -> fixtures.transactions().executeWithoutResult(t -> ledger.post("TEST", "real into play", null, null,
                List.of(Leg.debit(LedgerAccount.organisation(owner.organisationId()), ten), Leg.credit(LedgerAccount.organisation(sandbox), ten)))))
                .isInstanceOf(DomainException.class).hasMessageContaining("never mixes");
        assertThat(ledger.balance(LedgerAccount.organisation(owner.organisationId()))).isEqualTo(10_000);
        assertThat(ledger.balance(LedgerAccount.organisation(sandbox))).isEqualTo(Sandboxes.START);
        // Money from the bank for a sandbox becomes play money: the bank's funding account never sees it.
        long funding = ledger.totalsByType().get(LedgerAccount.Type.FUNDING);
        fixtures.fund(play.enter(owner, false), 500);
        assertThat(ledger.totalsByType().get(LedgerAccount.Type.FUNDING)).isEqualTo(funding);
        assertThat(ledger.balance(LedgerAccount.organisation(sandbox))).isEqualTo(Sandboxes.START + 500);
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void throughTheApiMembersTryItAndOthersCannot() {
        CurrentUser owner = fixtures.requester();
        CurrentUser viewer = join(owner, MemberRole.VIEWER);
        Api ownerApi = api().login(owner.username(), Fixtures.PASSWORD);
        Api viewerApi = api().login(viewer.username(), Fixtures.PASSWORD);
        Api.Response none = ownerApi.get("/api/v1/organisation/sandbox");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.body()).contains("POST /api/v1/organisation/sandbox");
        assertThat(viewerApi.post("/api/v1/organisation/sandbox", null).status()).isEqualTo(403);
        Api.Response opened = ownerApi.post("/api/v1/organisation/sandbox", null);
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.json().at("/balance/cents").asLong()).isEqualTo(Sandboxes.START);
        assertThat(viewerApi.get("/api/v1/organisation/sandbox").json().at("/organisationId").asLong()).isEqualTo(opened.json().at("/organisationId").asLong());
        assertThat(viewerApi.post("/api/v1/organisation/sandbox/tokens", Map.of("as", "WORKER")).status()).isEqualTo(403);

        // Bad amounts are named and change nothing.
        Api.Response tooMuch = ownerApi.post("/api/v1/organisation/sandbox/play-money", Map.of("amount", 2_000_000));
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.body()).contains("amount");
        assertThat(ownerApi.post("/api/v1/organisation/sandbox/play-money", Map.of("amount", 0)).status()).isEqualTo(400);
        assertThat(ownerApi.post("/api/v1/organisation/sandbox/tokens", Map.of()).status()).isEqualTo(400);
        assertThat(ownerApi.get("/api/v1/organisation/sandbox").json().at("/balance/cents").asLong()).isEqualTo(Sandboxes.START);
        assertThat(ownerApi.post("/api/v1/organisation/sandbox/play-money", Map.of("amount", 25_000)).json().at("/balance/cents").asLong())
                .isEqualTo(Sandboxes.START + 25_000);

        // Tokens for the test accounts: the requester posts in the sandbox, the test worker works and has no voice.
        Api sandboxRequester = api().as(ownerApi.post("/api/v1/organisation/sandbox/tokens", Map.of("as", "REQUESTER")).json().at("/token").asText());
        Api tester = api().as(ownerApi.post("/api/v1/organisation/sandbox/tokens", Map.of("as", "WORKER")).json().at("/token").asText());
        assertThat(sandboxRequester.get("/api/v1/organisation/balance").json().at("/balance/cents").asLong()).isEqualTo(Sandboxes.START + 25_000);
        assertThat(tester.get("/api/v1/me").json().at("/playsIn").asLong()).isEqualTo(opened.json().at("/organisationId").asLong());
        assertThat(tester.post("/api/v1/channels", Map.of("nameBox", "x")).status()).isEqualTo(403);
        // A test account has no sandbox of its own, and cannot hand out tokens.
        assertThat(sandboxRequester.post("/api/v1/organisation/sandbox", null).status()).isEqualTo(403);
        assertThat(sandboxRequester.post("/api/v1/organisation/sandbox/tokens", Map.of("as", "WORKER")).status()).isEqualTo(403);

        // Another organisation sees only its own (none).
        Api stranger = api().login(fixtures.requester().username(), Fixtures.PASSWORD);
        assertThat(stranger.get("/api/v1/organisation/sandbox").status()).isEqualTo(404);
        // A worker has no organisation and no sandbox.
        assertThat(api().login(fixtures.worker().username(), Fixtures.PASSWORD).post("/api/v1/organisation/sandbox", null).status()).isEqualTo(403);
    }

    @Test
    void aMemberEntersAndLeavesOnThePagesAndARemovedMemberIsPutOut() throws Exception {
        CurrentUser owner = fixtures.requester();
        WebSession web = new WebSession(port).login(owner);
        assertThat(web.get("/requester/sandbox").body()).contains("action=\"/requester/sandbox\"");
        assertThat(web.post("/requester/sandbox", "/requester/sandbox", Map.of()).statusCode()).isEqualTo(302);
        String page = web.get("/requester/sandbox").body();
        assertThat(page).contains("data-testid=\"play-balance\"").contains("1,000.00");

        HttpResponse<String> entered = web.post("/requester/sandbox/enter", "/requester/sandbox", Map.of("as", "worker"));
        assertThat(entered.headers().firstValue("Location").orElse("")).endsWith("/work");
        assertThat(web.get("/work").body()).contains("data-testid=\"sandbox-bar\"");
        assertThat(web.get("/requester/batches").statusCode()).isEqualTo(403);   // the test worker is no requester
        web.post("/sandbox/switch", "/work", Map.of("as", "requester"));
        assertThat(web.get("/requester/batches").statusCode()).isEqualTo(200);
        assertThat(web.get("/requester/sandbox").body()).contains("data-testid=\"sandbox-bar\"").contains("(sandbox)");
        web.post("/sandbox/leave", "/requester/sandbox", Map.of());
        String back = web.get("/requester/sandbox").body();
        assertThat(back).doesNotContain("data-testid=\"sandbox-bar\"").contains("/requester/sandbox/enter");
        // Leaving a session that is not in a sandbox is refused.
        assertThat(web.post("/sandbox/leave", "/requester/sandbox", Map.of()).statusCode()).isEqualTo(403);

        // A manager in the sandbox is put out the moment they leave the team.
        CurrentUser manager = join(owner, MemberRole.MANAGER);
        WebSession managerWeb = new WebSession(port).login(manager);
        managerWeb.post("/requester/sandbox/enter", "/requester/sandbox", Map.of("as", "requester"));
        assertThat(managerWeb.get("/requester/batches").statusCode()).isEqualTo(200);
        teams.remove(owner, manager.id());
        assertThat(managerWeb.get("/requester/batches").statusCode()).isEqualTo(302);   // to the login page
        // A viewer cannot enter.
        CurrentUser viewer = join(owner, MemberRole.VIEWER);
        WebSession viewerWeb = new WebSession(port).login(viewer);
        assertThat(viewerWeb.get("/requester/sandbox").body()).doesNotContain("/requester/sandbox/enter");
        assertThat(viewerWeb.post("/requester/sandbox/enter", "/requester/sandbox", Map.of("as", "worker")).statusCode()).isEqualTo(403);
    }

    private CurrentUser join(CurrentUser owner, MemberRole role) {
        String link = teams.invite(owner, role, null).link();
        CurrentUser plain = Accounts.user(accounts.create(Fixtures.unique("member").toLowerCase(), Fixtures.PASSWORD, "Member " + role,
                java.util.EnumSet.noneOf(org.polder.account.Role.class), null, "en"));
        teams.accept(plain, link.substring(link.lastIndexOf('/') + 1));
        return accounts.currentUser(plain.id());
    }

    private static void assertRefused(Runnable taking) {
        assertThatThrownBy(taking::run).isInstanceOf(DomainException.class)
                .satisfies(e -> assertThat(((DomainException) e).code()).isEqualTo("problem.sandbox.otherWork"));
    }
}
