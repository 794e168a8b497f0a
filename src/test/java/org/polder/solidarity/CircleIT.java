package org.polder.solidarity;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sick-pay circle runs a year: twenty workers join by the members' vote, contributions are set aside every month, a
 * member is ill for three months and receives three gifts from the others' reserves, recovers, and another member leaves
 * with their reserve. Every cent is accounted for; no requester, no admin and no automated measure of pay sees any of it.
 */
class CircleIT extends PolderIT {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final long START_MONEY = 200_000;   // €2,000 on each member's balance

    @Autowired
    Circles circles;

    @Autowired
    CircleFunds funds;

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.polder.export.Exports exports;

    @Test
    void aCircleRunsAYearWithItsLedgerExactToTheCent() {
        toFirstOfNextMonth();
        List<CurrentUser> w = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            CurrentUser worker = fixtures.worker();
            fixtures.payable(worker, START_MONEY);
            w.add(worker);
        }
        String name = Fixtures.unique("Zorgkring");
        // Tier 1 (€30) for the even ones, tier 2 (€50) for the odd ones; the last sets money aside by hand.
        MyCircle founded = circles.found(w.get(0), name, 1, true);
        long circleId = founded.id();
        assertThat(founded.me().state()).isEqualTo(MyCircle.State.MEMBER);
        assertThat(founded.active()).isFalse();

        // Admission by the members' vote: more than half of all members say yes.
        for (int i = 1; i < 20; i++) {
            MyCircle applied = circles.apply(w.get(i), circleId, i % 2 == 0 ? 1 : 2, i != 19);
            assertThat(applied.me().state()).isEqualTo(MyCircle.State.APPLIED);
            assertThat(applied.memberList()).as("an applicant does not see inside").isEmpty();
            long motion = circles.mine(w.get(0)).orElseThrow().motions().get(0).id();
            int needed = Circles.needed(i);
            for (int v = 0; v < needed; v++) {
                circles.vote(w.get(v), motion, true);
            }
            assertThat(circles.mine(w.get(i)).orElseThrow().me().state()).isEqualTo(MyCircle.State.MEMBER);
        }
        assertThat(circles.mine(w.get(0)).orElseThrow().active()).as("active from 20 members").isTrue();

        // An applicant the members refuse is not in, and may apply elsewhere.
        CurrentUser refused = fixtures.worker();
        circles.apply(refused, circleId, 1, true);
        long motion = circles.mine(w.get(0)).orElseThrow().motions().get(0).id();
        for (int v = 0; v < 10; v++) {
            circles.vote(w.get(v), motion, false);
        }
        assertThat(circles.mine(refused)).isEmpty();
        assertThat(circles.mine(w.get(0)).orElseThrow().members()).isEqualTo(20);

        Api sick = login(w.get(4));
        Api reviewer = login(w.get(0));
        long illness = 0;
        Map<Long, Long> given = new HashMap<>();   // gifts per worker received
        for (int month = 1; month <= 12; month++) {
            funds.collectDue();
            // The one who pays by hand does it on the page's button (the API here).
            Api manual = login(w.get(19));
            assertThat(manual.post("/api/v1/circles/mine/contributions", Map.of()).status()).isEqualTo(201);
            assertThat(manual.post("/api/v1/circles/mine/contributions", Map.of()).status()).as("paid up").isEqualTo(409);
            if (month == 3) {
                sick = login(w.get(4));
                Api.Response reported = sick.post("/api/v1/circles/mine/illnesses", Map.of("startsOn", today().toString()));
                assertThat(reported.status()).as(reported.body()).isEqualTo(201);
                illness = reported.id();
                assertThat(sick.post("/api/v1/circles/mine/illnesses/" + illness + "/gifts", Map.of()).status())
                        .as("no gift for one's own illness").isEqualTo(403);
                assertThat(login(w.get(3)).post("/api/v1/circles/mine/illnesses/" + illness + "/gifts", Map.of()).status())
                        .as("only the chosen reviewer").isEqualTo(403);
            }
            if (month >= 3 && month <= 5) {
                long before = ledger.balance(LedgerAccount.worker(w.get(4).id()));
                long circleBefore = circles.balance(circleId);
                Map<Long, Long> reservesBefore = reserves(w);
                reviewer = login(w.get(0));
                Api.Response gift = reviewer.post("/api/v1/circles/mine/illnesses/" + illness + "/gifts", Map.of());
                assertThat(gift.status()).as(gift.body()).isEqualTo(201);
                assertThat(gift.json().get("month").asInt()).isEqualTo(month - 2);
                assertThat(gift.json().get("amountCents").asLong()).isEqualTo(75_000);
                assertThat(gift.json().get("shortfallCents").asLong()).isZero();
                assertThat(ledger.balance(LedgerAccount.worker(w.get(4).id()))).isEqualTo(before + 75_000);
                assertThat(circles.balance(circleId)).isEqualTo(circleBefore - 75_000);
                if (month == 3) {
                    // 75,000 cents over the 19 others: 3,948 from the first 7, 3,947 from the other 12.
                    Map<Long, Long> after = reserves(w);
                    List<Long> shares = w.stream().filter(x -> x != w.get(4)).map(x -> reservesBefore.get(x.id()) - after.get(x.id())).toList();
                    assertThat(shares).containsOnly(3_947L, 3_948L);
                    assertThat(shares.stream().filter(c -> c == 3_948L).count()).isEqualTo(7);
                    assertThat(after.get(w.get(4).id())).as("the ill member's own reserve gives nothing").isEqualTo(reservesBefore.get(w.get(4).id()));
                }
                assertThat(reviewer.post("/api/v1/circles/mine/illnesses/" + illness + "/gifts", Map.of()).status())
                        .as("one gift a month").isEqualTo(409);
                given.merge(w.get(4).id(), 75_000L, Long::sum);
            }
            if (month == 6) {
                // Well again the day before the fourth month would begin: no fourth gift.
                sick = login(w.get(4));
                LocalDate lastDay = today().minusDays(1);
                assertThat(sick.post("/api/v1/circles/mine/illnesses/" + illness + "/recovery", Map.of("endsOn", lastDay.toString())).status())
                        .isEqualTo(200);
                assertThat(login(w.get(0)).post("/api/v1/circles/mine/illnesses/" + illness + "/gifts", Map.of()).status()).isEqualTo(409);
            }
            if (month == 9) {
                long reserve = ledger.balance(LedgerAccount.circleReserve(circles.mine(w.get(7)).orElseThrow().me().memberId()));
                assertThat(reserve).isPositive();
                long before = ledger.balance(LedgerAccount.worker(w.get(7).id()));
                assertThat(login(w.get(7)).post("/api/v1/circles/mine/leave", Map.of()).status()).isEqualTo(200);
                assertThat(ledger.balance(LedgerAccount.worker(w.get(7).id()))).isEqualTo(before + reserve);
                assertThat(circles.mine(w.get(7))).isEmpty();
            }
            toFirstOfNextMonth();
        }

        // Exact to the cent: each member's balance is what they had, less what they put in, plus gifts and returns;
        // the circle holds what came in less what it gave and returned.
        long contributed = 0;
        long returned = 0;
        for (CurrentUser worker : w) {
            long in = jdbc.sql("SELECT COALESCE(SUM(c.amount), 0) FROM circle_contribution c JOIN circle_member m ON m.id = c.member_id WHERE m.worker_id = ?")
                    .param(worker.id()).query(Long.class).single();
            long months = jdbc.sql("SELECT COUNT(*) FROM circle_contribution c JOIN circle_member m ON m.id = c.member_id WHERE m.worker_id = ?")
                    .param(worker.id()).query(Long.class).single();
            long back = jdbc.sql("""
                            SELECT COALESCE(SUM(p.amount), 0) FROM posting p JOIN ledger_transaction t ON t.id = p.transaction_id
                            JOIN ledger_account a ON a.id = p.account_id WHERE a.type = 'WORKER' AND a.owner_id = ? AND t.kind = 'CIRCLE_RETURN'""")
                    .param(worker.id()).query(Long.class).single();
            boolean left = worker == w.get(7);
            assertThat(months).as("months paid").isEqualTo(left ? 9 : 12);
            assertThat(ledger.balance(LedgerAccount.worker(worker.id())))
                    .isEqualTo(START_MONEY - in + given.getOrDefault(worker.id(), 0L) + back);
            contributed += in;
            returned += back;
        }
        long gifts = jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM circle_gift g JOIN circle_illness i ON i.id = g.illness_id WHERE i.id = ?")
                .param(illness).query(Long.class).single();
        assertThat(gifts).isEqualTo(3 * 75_000);
        // 10 members at €30 and 10 at €50 for 12 months, one of them (at €50) for 9.
        assertThat(contributed).isEqualTo(10 * 3_000 * 12 + 10 * 5_000 * 12 - 3 * 5_000);
        assertThat(circles.balance(circleId)).isEqualTo(contributed - gifts - returned);
        assertThat(ledger.audit()).isEmpty();

        // A gift is not pay: it moves no measure of earnings a rule reads.
        assertThat(ledger.totalCredited(LedgerAccount.worker(w.get(4).id()))).isZero();
        Instant yearAgo = clock.instant().minus(Duration.ofDays(400));
        assertThat(ledger.creditsByOwner(LedgerAccount.Type.WORKER, yearAgo, clock.instant())).doesNotContainKey(w.get(4).id());

        // Members see the circle's balance, members and gifts.
        MyCircle seen = circles.mine(w.get(1)).orElseThrow();
        assertThat(seen.balanceCents()).isEqualTo(circles.balance(circleId));
        assertThat(seen.memberList()).hasSize(19);
        assertThat(seen.gifts()).hasSize(3).allSatisfy(g -> assertThat(g.to()).isEqualTo(w.get(4).displayName()));
    }

    @Test
    void nobodyOutsideACircleSeesInsideIt() throws Exception {
        CurrentUser member = fixtures.worker();
        circles.found(member, Fixtures.unique("Kring"), 2, false);
        Api requester = api().login(fixtures.requester().username(), Fixtures.PASSWORD);
        Api admin = api().login(fixtures.admin().username(), Fixtures.PASSWORD);
        Api moderator = api().login(fixtures.moderator().username(), Fixtures.PASSWORD);
        Api outsider = api().login(fixtures.worker().username(), Fixtures.PASSWORD);
        for (Api someone : List.of(requester, admin, moderator)) {
            assertThat(someone.get("/api/v1/circles").status()).isEqualTo(403);
            assertThat(someone.get("/api/v1/circles/mine").status()).isEqualTo(403);
        }
        for (CurrentUser someone : List.of(fixtures.requester(), fixtures.admin(), fixtures.moderator())) {
            assertThat(new org.polder.testing.WebSession(port).login(someone).get("/circle").statusCode()).isEqualTo(403);
        }
        assertThat(new org.polder.testing.WebSession(port).login(member).get("/circle").body()).contains(member.displayName());
        assertThat(outsider.get("/api/v1/circles/mine").status()).isEqualTo(404);
        assertThat(outsider.get("/api/v1/circles").body()).doesNotContain(member.displayName());
        assertThat(outsider.post("/api/v1/circles/mine/illnesses", Map.of("startsOn", today().toString())).status()).isEqualTo(403);
        // The rules page says it.
        assertThat(api().get("/rules").body()).contains("sick-pay circle");
    }

    @Test
    void badInputNamesTheProblemAndChangesNothing() {
        CurrentUser worker = fixtures.worker();
        fixtures.payable(worker, 10_000);
        Api me = api().login(worker.username(), Fixtures.PASSWORD);
        assertThat(me.post("/api/v1/circles", Map.of("name", "Kr", "tier", 2)).body()).contains("name");
        assertThat(me.post("/api/v1/circles", Map.of("name", Fixtures.unique("Kring"), "tier", 9)).body()).contains("tier");
        assertThat(me.get("/api/v1/circles/mine").status()).isEqualTo(404);
        String name = Fixtures.unique("Kring");
        assertThat(me.post("/api/v1/circles", Map.of("name", name, "tier", 2)).status()).isEqualTo(201);
        assertThat(me.post("/api/v1/circles", Map.of("name", Fixtures.unique("Kring"), "tier", 2)).status()).as("one circle at a time").isEqualTo(409);
        // Gifts wait for twenty members; a date in the future is refused.
        assertThat(me.post("/api/v1/circles/mine/illnesses", Map.of("startsOn", today().toString())).body()).contains("20");
        assertThat(me.post("/api/v1/circles/mine/illnesses", Map.of("startsOn", today().plusDays(1).toString())).body()).contains("startsOn");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM circle_illness i JOIN circle_member m ON m.id = i.member_id WHERE m.worker_id = ?")
                .param(worker.id()).query(Long.class).single()).isZero();
        // Paying by hand takes this month's contribution once; leaving gives it back.
        assertThat(me.post("/api/v1/circles/mine/contributions", Map.of()).status()).isEqualTo(201);
        assertThat(ledger.balance(LedgerAccount.worker(worker.id()))).isEqualTo(5_000);
        // The worker's export holds their own circle records; another worker's holds none of them.
        String export = new String(org.polder.testing.Zips.unzip(exports.zip(worker)).get("circle.json"), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(export).contains(name).contains("\"cents\" : 5000");
        assertThat(org.polder.testing.Zips.unzip(exports.zip(fixtures.worker()))).doesNotContainKey("circle.json");
        assertThat(me.post("/api/v1/circles/mine/leave", Map.of()).status()).isEqualTo(200);
        assertThat(ledger.balance(LedgerAccount.worker(worker.id()))).isEqualTo(10_000);
    }

    @Test
    void aShortBalanceLeavesTheContributionDueAndSaysSoOnceAMonth() {
        CurrentUser worker = fixtures.worker();
        MyCircle circle = circles.found(worker, Fixtures.unique("Kring"), 1, true);
        funds.collectDue();
        funds.collectDue();
        Api me = api().login(worker.username(), Fixtures.PASSWORD);
        assertThat(me.get("/api/v1/me/notifications").body().split("short for your circle contribution", -1)).hasSize(2);
        assertThat(funds.monthsDue(circle.me().memberId())).hasSize(1);
        fixtures.payable(worker, 3_000);
        funds.collectDue();
        assertThat(funds.monthsDue(circle.me().memberId())).isEmpty();
        assertThat(ledger.balance(LedgerAccount.circleReserve(circle.me().memberId()))).isEqualTo(3_000);
    }

    @Test
    void manyPressesAtOncePayOneContributionAndGiveOneGift() throws Exception {
        // 20 members so that the circle gives gifts; no reviewer chosen yet, so any other member may confirm.
        List<CurrentUser> w = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            CurrentUser worker = fixtures.worker();
            fixtures.payable(worker, 20_000);
            w.add(worker);
        }
        long circleId = circles.found(w.get(0), Fixtures.unique("Kring"), 2, false).id();
        for (int i = 1; i < 20; i++) {
            circles.apply(w.get(i), circleId, 2, false);
            long motion = circles.mine(w.get(0)).orElseThrow().motions().get(0).id();
            for (int v = 0; v < Circles.needed(i); v++) {
                circles.vote(w.get(v), motion, true);
            }
        }
        circles.leave(w.get(0));   // the founder was the reviewer: now there is none
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> presses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                presses.add(pool.submit(() -> attempt(() -> funds.contribute(w.get(1)))));
            }
            for (CurrentUser x : w.subList(2, 20)) {
                funds.contribute(x);
            }
            for (var p : presses) {
                p.get();
            }
            assertThat(ledger.balance(LedgerAccount.worker(w.get(1).id()))).as("one month paid, once").isEqualTo(15_000);

            long illness = funds.reportSick(w.get(1), today()).id();
            long before = circles.balance(circleId);
            List<java.util.concurrent.Future<?>> gifts = new ArrayList<>();
            for (CurrentUser x : w.subList(2, 10)) {
                gifts.add(pool.submit(() -> attempt(() -> funds.giveGift(x, illness))));
            }
            for (var g : gifts) {
                g.get();
            }
            long given = ledger.balance(LedgerAccount.worker(w.get(1).id())) - 15_000;
            assertThat(jdbc.sql("SELECT COUNT(*) FROM circle_gift WHERE illness_id = ?").param(illness).query(Long.class).single()).isEqualTo(1);
            // 18 reserves of €50 hold €900 of the €1,250 gift: all of it is given, none made up, none lost.
            assertThat(given).isEqualTo(90_000);
            assertThat(circles.balance(circleId)).isEqualTo(before - given);
            assertThat(ledger.audit()).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    private static Object attempt(Runnable action) {
        try {
            action.run();
            return "done";
        } catch (RuntimeException e) {
            return e;
        }
    }

    @Test
    void aGiftSplitsToTheCentAndNeverOverdrawsAReserve() {
        Map<Long, Long> reserves = new java.util.LinkedHashMap<>();
        reserves.put(1L, 10_000L);
        reserves.put(2L, 10_000L);
        reserves.put(3L, 100L);
        Map<Long, Long> shares = CircleFunds.split(12_501, reserves);
        assertThat(shares).containsEntry(3L, 100L);
        assertThat(shares.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(12_501);
        assertThat(shares.get(1L) - shares.get(2L)).isBetween(0L, 1L);
        assertThat(CircleFunds.split(50_000, reserves).values().stream().mapToLong(Long::longValue).sum()).as("all there is").isEqualTo(20_100);
        java.util.Random random = new java.util.Random(23);
        for (int run = 0; run < 500; run++) {
            Map<Long, Long> r = new java.util.LinkedHashMap<>();
            int n = 1 + random.nextInt(49);
            for (long m = 0; m < n; m++) {
                r.put(m, (long) random.nextInt(50_000));
            }
            long amount = random.nextInt(300_000);
            Map<Long, Long> s = CircleFunds.split(amount, r);
            long total = s.values().stream().mapToLong(Long::longValue).sum();
            assertThat(total).as("seed 23, run " + run).isEqualTo(Math.min(amount, r.values().stream().mapToLong(Long::longValue).sum()));
            s.forEach((m, cents) -> assertThat(cents).isBetween(1L, r.get(m)));
        }
    }

    private Map<Long, Long> reserves(List<CurrentUser> workers) {
        Map<Long, Long> reserves = new HashMap<>();
        for (CurrentUser x : workers) {
            reserves.put(x.id(), ledger.balance(LedgerAccount.circleReserve(circles.mine(x).orElseThrow().me().memberId())));
        }
        return reserves;
    }

    private Api login(CurrentUser user) {
        return api().login(user.username(), Fixtures.PASSWORD);
    }

    private LocalDate today() {
        return clock.instant().atZone(ZONE).toLocalDate();
    }

    /** Moves the clock to 10:00 on the first day of the next month, local time. */
    private void toFirstOfNextMonth() {
        Instant next = today().withDayOfMonth(1).plusMonths(1).atTime(10, 0).atZone(ZONE).toInstant();
        clock.advance(Duration.between(clock.instant(), next));
    }
}
