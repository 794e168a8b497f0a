package org.polder.home;

import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.Automated;
import org.polder.common.DomainException;
import org.polder.common.Geo;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.common.Words;
import org.polder.ledger.Escrow;
import org.polder.ledger.Fees;
import org.polder.ledger.Leg;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.ledger.Money;
import org.polder.notify.Notice;
import org.polder.notify.NoticeKind;
import org.polder.oversight.Decision;
import org.polder.oversight.Decisions;
import org.polder.oversight.SafetyReport;
import org.polder.oversight.SafetyReports;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.polder.work.AssignmentState;
import org.polder.work.Assignments;
import org.polder.work.WorkKind;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A visit from check-in to payment: the worker checks in at the address (its position is checked once and only
 * "nearby" is kept), may raise the alarm, checks out with the hours worked and says whether all was well; the
 * household confirms the hours, or silence within the review window confirms them. Each way pays once: the
 * assignment moves from SUBMITTED to PAID in one conditional update, and only the move that won pays.
 */
@Service
public class Visits {

    public static final String SETTLEMENT = "home.settlement";
    public static final String MISSED = "home.missed-visit";

    private final JdbcClient jdbc;
    private final Bookings bookings;
    private final Assignments work;
    private final Escrow escrow;
    private final Ledger ledger;
    private final Fees fees;
    private final Decisions decisions;
    private final SafetyReports safetyReports;
    private final Accounts accounts;
    private final HomeProfiles profiles;
    private final HomeSettings settings;
    private final Trail trail;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final org.polder.notify.Reach reach;
    private final org.polder.oversight.Appeals appeals;

    Visits(org.polder.notify.Reach reach, @org.springframework.context.annotation.Lazy org.polder.oversight.Appeals appeals, JdbcClient jdbc, Bookings bookings, Assignments work, Escrow escrow, Ledger ledger, Fees fees, Decisions decisions,
           SafetyReports safetyReports, Accounts accounts, HomeProfiles profiles, HomeSettings settings, Trail trail,
           ApplicationEventPublisher events, Clock clock) {
        this.reach = reach;
        this.appeals = appeals;
        this.jdbc = jdbc;
        this.bookings = bookings;
        this.work = work;
        this.escrow = escrow;
        this.ledger = ledger;
        this.fees = fees;
        this.decisions = decisions;
        this.safetyReports = safetyReports;
        this.accounts = accounts;
        this.profiles = profiles;
        this.settings = settings;
        this.trail = trail;
        this.events = events;
        this.clock = clock;
    }

    /** A visit with its booking, as its worker or its household reads it. */
    public record Planned(Visit visit, Booking booking) {
    }

    /**
     * The worker's visits, at most 100: those still open first, soonest first, then those ended, latest first; the address is theirs (they took the
     * booking). One query for the visits and one per booking among them.
     */
    @Transactional(readOnly = true)
    public List<Planned> mine(CurrentUser worker) {
        worker.require(Role.WORKER);
        List<Visit> visits = jdbc.sql("""
                        SELECT * FROM home_visit WHERE worker_id = ?
                        ORDER BY CASE WHEN state IN ('PLANNED', 'WORKING', 'DONE', 'QUESTIONED') THEN 0 ELSE 1 END,
                                 CASE WHEN state IN ('PLANNED', 'WORKING', 'DONE', 'QUESTIONED') THEN starts_at END, starts_at DESC LIMIT 100""")
                .param(worker.id()).query(Bookings::mapVisit).list();
        Map<Long, Booking> booking = new java.util.HashMap<>();
        return visits.stream().map(v -> new Planned(v, booking.computeIfAbsent(v.bookingId(), bookings::get))).toList();
    }

    /** One of the worker's visits; 404 for anyone else's. */
    @Transactional(readOnly = true)
    public Planned ofWorker(CurrentUser worker, long visitId) {
        Visit v = bookings.visit(visitId);
        if (v.workerId() == null || v.workerId() != worker.id()) {
            throw new NotFoundException("Visit", visitId);
        }
        return planned(visitId);
    }

    /** One of the household's visits; 404 for anyone else's. */
    @Transactional(readOnly = true)
    public Planned ofHousehold(CurrentUser household, long visitId) {
        Visit v = bookings.visit(visitId);
        bookings.ofHousehold(household, v.bookingId());
        return planned(visitId);
    }

    private Planned planned(long visitId) {
        Visit v = bookings.visit(visitId);
        return new Planned(v, bookings.get(v.bookingId()));
    }

    /** Where the worker is, sent once with a check-in; never stored. */
    public record VisitPosition(Double latitude, Double longitude) {
    }

    /** The worker checks in at the address, from 30 minutes before the visit until its end. */
    @Transactional
    public Visit checkIn(CurrentUser worker, long visitId, VisitPosition position) {
        Planned p = ofWorker(worker, visitId);
        Visit v = p.visit();
        Instant now = clock.instant();
        if (now.isBefore(v.startsAt().minus(Duration.ofMinutes(30))) || !now.isBefore(v.endsAt())) {
            throw DomainException.conflict("Check-in opens 30 minutes before the visit and closes when it ends").code("problem.home.checkInTime");
        }
        if (position == null || position.latitude() == null || position.longitude() == null) {
            throw DomainException.invalid("latitude, longitude: allow your position once, at the door (only whether you are there is kept)")
                    .code("problem.home.positionNeeded");
        }
        double metres = Geo.km(position.latitude(), position.longitude(), p.booking().latitude(), p.booking().longitude()) * 1000;
        if (metres > settings.checkInRadiusM()) {
            throw DomainException.conflict("You are not within " + settings.checkInRadiusM() + " m of " + p.booking().address() + "; check in there")
                    .code("problem.home.tooFar", settings.checkInRadiusM(), p.booking().address());
        }
        if (!work.move(v.assignmentId()).from(AssignmentState.ACCEPTED).to(AssignmentState.STARTED, now).apply()) {
            throw DomainException.conflict("You cannot check in to this visit now (" + v.state().name().toLowerCase() + ")").code("problem.home.notPlanned");
        }
        jdbc.sql("UPDATE home_visit SET state = 'WORKING', checked_in_at = ?, checked_in_nearby = TRUE WHERE id = ?").params(Sql.ts(now), visitId).update();
        trail.record(TrailEntry.of("VISIT_CHECKED_IN").aboutWorker(worker.id()).by(worker.id()).organisation(p.booking().organisationId())
                .work(WorkKind.HOME, v.taskId(), v.assignmentId()).with("visitId", visitId).with("nearby", true));
        return bookings.visit(visitId);
    }

    /** Who the alarm reached, in words for the worker. */
    public record Alarm(long id, Instant raisedAt, List<String> reached, long reportId) {
    }

    /**
     * The worker raises the alarm during a visit (checked in, or within the half hour before and after it): their
     * contact is told where they are, and so is every moderator, with the address, the household and the contact's
     * number; it opens a safety report in the moderators' queue. Works however often it is pressed.
     */
    @Transactional
    public Alarm alarm(CurrentUser worker, long visitId) {
        Planned p = ofWorker(worker, visitId);
        Visit v = p.visit();
        Booking b = p.booking();
        Instant now = clock.instant();
        boolean during = v.state() == Visit.State.WORKING
                || (v.state() == Visit.State.PLANNED && !now.isBefore(v.startsAt().minus(Duration.ofMinutes(30))) && now.isBefore(v.endsAt()))
                || (v.state() == Visit.State.DONE && v.checkedOutAt() != null && now.isBefore(v.checkedOutAt().plus(Duration.ofMinutes(30))));
        if (!during) {
            throw DomainException.conflict("The alarm works during a visit and the half hour around it; otherwise call 112 or report to a moderator")
                    .code("problem.home.alarmTime");
        }
        HomeProfile.SafetyContact contact = profiles.find(worker.id()).map(HomeProfile::contact).orElse(null);
        String contactLine = contact == null ? "none named" : contact.accountId() != null ? "@" + contact.username()
                : contact.name() + (contact.phone() == null ? "" : ", " + contact.phone()) + (contact.email() == null ? "" : ", " + contact.email());
        String message = "ALARM raised by " + worker.displayName() + " during a visit at " + b.address() + " (household: " + b.household()
                + "), " + Words.dateTime(now, java.util.Locale.ENGLISH, settings.zone()) + ". Their safety contact: " + contactLine + ".";
        SafetyReport report = safetyReports.report(worker, v.assignmentId(), SafetyReport.Category.SAFETY, message);
        List<String> reached = new java.util.ArrayList<>();
        Words words = Words.of("notice.home.alarm", worker.displayName(), b.address(), Words.at(now));
        if (contact != null && contact.accountId() != null) {
            events.publishEvent(Notice.to(contact.accountId(), NoticeKind.ALARM, words, "/notifications"));
            reached.add("@" + contact.username());
        } else if (contact != null && contact.email() != null
                && reach.mailAlarm(contact.email(), contact.name(), worker.displayName(), worker.language(), words)) {
            reached.add(contact.name() + " (" + contact.email() + ")");
        }
        for (long moderator : accounts.moderatorIds()) {
            if (moderator != worker.id()) {
                events.publishEvent(Notice.to(moderator, NoticeKind.ALARM, Words.of("notice.home.alarmModerator", worker.displayName(), b.address(),
                        b.household(), Words.at(now), contactLine), "/moderation"));
            }
        }
        reached.add("moderators");
        org.springframework.jdbc.support.GeneratedKeyHolder key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("INSERT INTO home_alarm (visit_id, worker_id, raised_at, reached, report_id) VALUES (?, ?, ?, ?, ?)")
                .params(visitId, worker.id(), Sql.ts(now), String.join(", ", reached), report.id()).update(key, "id");
        trail.record(TrailEntry.of("VISIT_ALARM").aboutWorker(worker.id()).by(worker.id()).organisation(b.organisationId())
                .work(WorkKind.HOME, v.taskId(), v.assignmentId()).with("visitId", visitId).with("reportId", report.id()).with("reached", reached));
        return new Alarm(key.getKey().longValue(), now, reached, report.id());
    }

    /** The alarms raised during a visit, last first. */
    @Transactional(readOnly = true)
    public List<Alarm> alarms(long visitId) {
        return jdbc.sql("SELECT id, raised_at, reached, report_id FROM home_alarm WHERE visit_id = ? ORDER BY id DESC").param(visitId)
                .query((rs, n) -> new Alarm(rs.getLong(1), Sql.instant(rs, "raised_at"), List.of(rs.getString(3).split(", ")), rs.getLong(4))).list();
    }

    /**
     * The worker checks out: the minutes worked (at most those booked; all of them when left out) and whether all was
     * well. "Not well" opens a safety report for the moderators with what the worker says; the household never reads it.
     */
    @Transactional
    public Visit checkOut(CurrentUser worker, long visitId, Integer minutes, Boolean feltSafe, String whatHappened) {
        Planned p = ofWorker(worker, visitId);
        Visit v = p.visit();
        int worked = minutes == null ? v.minutes() : minutes;
        if (worked < 1 || worked > v.minutes()) {
            throw DomainException.invalid("minutes: from 1 to the " + v.minutes() + " minutes booked").code("problem.home.workedMinutes", v.minutes());
        }
        if (feltSafe == null) {
            throw DomainException.invalid("feltSafe: say whether all was well at this visit").code("problem.home.safetyQuestion");
        }
        if (!feltSafe && (whatHappened == null || whatHappened.isBlank() || whatHappened.length() > 4000)) {
            throw DomainException.invalid("whatHappened: say what happened (1 to 4000 characters); a moderator reads it, the household does not")
                    .code("problem.home.whatHappened");
        }
        Instant now = clock.instant();
        if (!work.move(v.assignmentId()).from(AssignmentState.STARTED).to(AssignmentState.SUBMITTED, now).apply()) {
            throw DomainException.conflict("Check in before you check out").code("problem.home.notWorking");
        }
        Instant due = now.plus(settings.reviewWindow());
        jdbc.sql("UPDATE home_visit SET state = 'DONE', checked_out_at = ?, worked_minutes = ?, felt_safe = ?, review_due_at = ? WHERE id = ?")
                .params(Sql.ts(now), worked, feltSafe, Sql.ts(due), visitId).update();
        trail.record(TrailEntry.of("VISIT_CHECKED_OUT").aboutWorker(worker.id()).by(worker.id()).organisation(p.booking().organisationId())
                .work(WorkKind.HOME, v.taskId(), v.assignmentId()).with("visitId", visitId).with("minutes", worked).with("feltSafe", feltSafe));
        if (!feltSafe) {
            safetyReports.report(worker, v.assignmentId(), SafetyReport.Category.SAFETY,
                    "After a visit at " + p.booking().address() + " (household: " + p.booking().household() + "): " + whatHappened.strip());
        }
        events.publishEvent(Notice.toRequestersOf(p.booking().organisationId(), NoticeKind.HOME,
                Words.of("notice.home.hoursToConfirm", worker.displayName(), hours(worked), Words.at(due)), "/household/visits/" + visitId));
        return bookings.visit(visitId);
    }

    /** The household confirms the hours: the worker is paid. */
    @Transactional
    public Visit confirm(CurrentUser household, long visitId) {
        Planned p = ofHousehold(household, visitId);
        if (p.visit().state() != Visit.State.DONE) {
            throw DomainException.conflict("Only the hours of a visit the worker checked out of can be confirmed").code("problem.home.notDone");
        }
        settle(p, p.visit().workedMinutes(), household.id(), "confirmed by the household");
        return bookings.visit(visitId);
    }

    /**
     * The household questions the hours: fewer minutes than the worker gave, and why. A person's decision the worker
     * reads: they accept the household's hours, or appeal to a moderator within the review window; silence means the
     * household's hours stand.
     */
    @Transactional
    public Visit question(CurrentUser household, long visitId, Integer minutes, String reason) {
        Planned p = ofHousehold(household, visitId);
        Visit v = p.visit();
        if (v.state() != Visit.State.DONE) {
            throw DomainException.conflict("Only the hours of a visit the worker checked out of can be questioned").code("problem.home.notDone");
        }
        if (minutes == null || minutes < 0 || minutes >= v.workedMinutes()) {
            throw DomainException.invalid("minutes: fewer than the " + v.workedMinutes() + " the worker gave").code("problem.home.questionMinutes",
                    v.workedMinutes());
        }
        String why = Bookings.text("reason", reason, 1, 1000);
        Instant now = clock.instant();
        Instant due = now.plus(settings.reviewWindow());
        if (jdbc.sql("UPDATE home_visit SET state = 'QUESTIONED', questioned_minutes = ?, question_reason = ?, review_due_at = ? WHERE id = ? AND state = 'DONE'")
                .params(minutes, why, Sql.ts(due), visitId).update() == 0) {
            throw DomainException.conflict("These hours were settled meanwhile").code("problem.home.notDone");
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("workedMinutes", v.workedMinutes());
        inputs.put("householdMinutes", minutes);
        inputs.put("answerBy", due.toString());
        long decision = decisions.record(Decisions.Draft.about(v.workerId(), HomeDecision.VISIT_HOURS_QUESTIONED).by(household.id())
                .work(WorkKind.HOME, null, v.taskId(), v.assignmentId())
                .inputs(inputs)
                .effect(Words.of("decision.effect.visitQuestioned", hours(minutes), hours(v.workedMinutes()), Words.at(due)))
                .reason(why)
                .forOrganisation(p.booking().organisationId()));
        jdbc.sql("UPDATE home_visit SET question_decision = ? WHERE id = ?").params(decision, visitId).update();
        trail.record(TrailEntry.of("VISIT_HOURS_QUESTIONED").aboutWorker(v.workerId()).by(household.id()).organisation(p.booking().organisationId())
                .work(WorkKind.HOME, v.taskId(), v.assignmentId()).with("visitId", visitId).with("minutes", minutes).with("reason", why));
        return bookings.visit(visitId);
    }

    /** The worker accepts the household's hours: they are paid for those. */
    @Transactional
    public Visit acceptQuestion(CurrentUser worker, long visitId) {
        Planned p = ofWorker(worker, visitId);
        if (p.visit().state() != Visit.State.QUESTIONED) {
            throw DomainException.conflict("The household did not question these hours").code("problem.home.notQuestioned");
        }
        settle(p, p.visit().questionedMinutes(), worker.id(), "the household's hours, accepted by the worker");
        return bookings.visit(visitId);
    }

    /**
     * Upheld appeal or override of questioned hours: the worker is paid the hours they gave. Before settlement from the
     * escrow; after the household's hours were paid, the difference from the platform's guarantee fund.
     */
    @Transactional
    public Words payAsReported(Decision decision, long moderatorId) {
        Visit v = jdbc.sql("SELECT * FROM home_visit WHERE question_decision = ?").param(decision.id()).query(Bookings::mapVisit).single();
        Planned p = planned(v.id());
        if (v.state() == Visit.State.QUESTIONED) {
            long paid = settle(p, v.workedMinutes(), moderatorId, "the worker's hours, after review");
            return Words.of("decision.effect.visitPaid", Words.money(paid), hours(v.workedMinutes()));
        }
        long owed = Booking.payFor(p.booking().hourlyRate(), v.workedMinutes());
        owed += Booking.holidayPayOn(owed, p.booking().holidayPercent());
        long more = owed - (v.paid() == null ? 0 : v.paid());
        if (v.state() != Visit.State.SETTLED || more <= 0
                || jdbc.sql("UPDATE home_visit SET paid = ?, paid_minutes = worked_minutes WHERE id = ? AND paid = ?").params(owed, v.id(), v.paid()).update() == 0) {
            return Words.of("decision.effect.nothingUndone");
        }
        ledger.post("APPEAL_PAID", "Visit " + v.id() + ": the worker's hours after review", moderatorId, "assignment:" + v.assignmentId(),
                List.of(Leg.debit(LedgerAccount.platform(LedgerAccount.Type.GUARANTEE_FUND), Money.euros(more)),
                        Leg.credit(LedgerAccount.worker(v.workerId()), Money.euros(more))));
        return Words.of("decision.effect.visitPaidAfterReview", Words.money(more));
    }

    /** Visits whose hours the household left unconfirmed past the review window, and questioned hours waiting for an answer. */
    @Transactional(readOnly = true)
    public List<Long> dueForSettlement(int limit) {
        return jdbc.sql("SELECT id FROM home_visit WHERE state IN ('DONE', 'QUESTIONED') AND review_due_at <= ? ORDER BY id LIMIT ?")
                .params(Sql.ts(clock.instant()), limit).query(Long.class).list();
    }

    /**
     * Past the review window: hours the household left unconfirmed stand, and so do the household's hours when the
     * worker neither accepted nor appealed them, or the appeal was dismissed. Each is paid with a decision the worker
     * reads; an open appeal waits for the moderator. True when it paid.
     */
    @Transactional
    @Automated(SETTLEMENT)
    public boolean settleIfDue(long visitId) {
        Planned p = planned(visitId);
        Visit v = p.visit();
        if ((v.state() != Visit.State.DONE && v.state() != Visit.State.QUESTIONED) || v.reviewDueAt().isAfter(clock.instant())) {
            return false;
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("checkedOutAt", v.checkedOutAt().toString());
        inputs.put("reviewDueAt", v.reviewDueAt().toString());
        inputs.put("workedMinutes", v.workedMinutes());
        int minutes = v.workedMinutes();
        String reason = "decision.reason.visitUnanswered";
        if (v.state() == Visit.State.QUESTIONED) {
            java.util.Optional<org.polder.oversight.Appeal.State> appeal = appeals.stateOf(v.questionDecision());
            inputs.put("householdMinutes", v.questionedMinutes());
            inputs.put("appeal", appeal.map(Enum::name).orElse("none"));
            if (appeal.isPresent() && appeal.get() != org.polder.oversight.Appeal.State.DISMISSED) {
                return false;   // a moderator decides
            }
            minutes = v.questionedMinutes();
            reason = appeal.isPresent() ? "decision.reason.visitAppealDismissed" : "decision.reason.visitQuestionStands";
        }
        long paid = settle(p, minutes, null, "settled automatically");
        if (paid < 0) {
            return false;
        }
        decisions.record(Decisions.Draft.about(v.workerId(), HomeDecision.VISIT_SETTLED).rule(SETTLEMENT, 1)
                .work(WorkKind.HOME, null, v.taskId(), v.assignmentId())
                .inputs(inputs)
                .effect(Words.of("decision.effect.visitPaid", Words.money(paid), hours(minutes)))
                .reason(Words.of(reason))
                .forOrganisation(p.booking().organisationId()));
        return true;
    }

    /**
     * Pays the worker for the minutes worked, once: pay at the booking's rate, holiday pay on top, the fee; what the
     * escrow held beyond that goes back to the household. Returns what the worker got, or -1 when another way paid first.
     */
    private long settle(Planned p, int minutes, Long actor, String how) {
        Visit v = p.visit();
        Booking b = p.booking();
        Instant now = clock.instant();
        long pay = Booking.payFor(b.hourlyRate(), minutes);
        long holiday = Booking.holidayPayOn(pay, b.holidayPercent());
        long fee = fees.feeFor(pay + holiday);
        if (pay + holiday + fee > v.pay() + v.holidayPay() + v.fee()) {   // the fee may have risen since planning: the worker's pay comes first
            fee = Math.max(0, v.pay() + v.holidayPay() + v.fee() - pay - holiday);
        }
        if (!work.move(v.assignmentId()).from(AssignmentState.SUBMITTED).to(AssignmentState.PAID, now).by(actor).pay(pay + holiday, fee).apply()) {
            return -1;
        }
        jdbc.sql("UPDATE home_visit SET state = 'SETTLED', paid = ?, paid_minutes = ?, settled_at = ? WHERE id = ?")
                .params(pay + holiday, minutes, Sql.ts(now), v.id()).update();
        escrow.pay(new Escrow.Of(WorkKind.HOME, v.id(), b.organisationId()), v.workerId(), pay + holiday, fee, null, 0, true,
                new Escrow.Entry("ASSIGNMENT_PAID", "Visit " + v.id() + ": " + hours(minutes) + " hours with holiday pay, " + how, actor,
                        "assignment:" + v.assignmentId()));
        trail.record(TrailEntry.of("ASSIGNMENT_PAID").aboutWorker(v.workerId()).by(actor).organisation(b.organisationId())
                .work(WorkKind.HOME, v.taskId(), v.assignmentId()).with("amount", pay + holiday).with("holidayPay", holiday)
                .with("currency", Money.EUR).with("paidMinutes", minutes).with("how", how));
        events.publishEvent(Notice.to(v.workerId(), NoticeKind.HOME, Words.of("notice.home.paid", Words.money(pay + holiday), b.household()),
                "/me/visits"));
        return pay + holiday;
    }

    /** Taken visits nobody checked in to within the missed-after time of their start. */
    @Transactional(readOnly = true)
    public List<Long> dueAsMissed(int limit) {
        return jdbc.sql("SELECT id FROM home_visit WHERE state = 'PLANNED' AND worker_id IS NOT NULL AND starts_at <= ? ORDER BY id LIMIT ?")
                .params(Sql.ts(clock.instant().minus(settings.missedAfter())), limit).query(Long.class).list();
    }

    /**
     * Nobody checked in: the visit counts as missed, is not paid, and the household gets its money back. A decision
     * the worker reads and can appeal (a phone that died at the door); an override pays the visit.
     */
    @Transactional
    @Automated(MISSED)
    public boolean markMissed(long visitId) {
        Planned p = planned(visitId);
        Visit v = p.visit();
        Instant now = clock.instant();
        if (v.state() != Visit.State.PLANNED || v.workerId() == null || v.startsAt().plus(settings.missedAfter()).isAfter(now)) {
            return false;
        }
        if (jdbc.sql("UPDATE home_visit SET state = 'MISSED' WHERE id = ? AND state = 'PLANNED'").param(visitId).update() == 0) {
            return false;
        }
        work.move(v.assignmentId()).from(AssignmentState.ACCEPTED).to(AssignmentState.EXPIRED, now).apply();
        Escrow.Of money = new Escrow.Of(WorkKind.HOME, v.id(), p.booking().organisationId());
        escrow.giveBack(money, escrow.held(money), "Escrow of missed visit " + v.id() + " returned", null, "visit:" + v.id());
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("startsAt", v.startsAt().toString());
        inputs.put("checkedIn", false);
        inputs.put("missedAfterMinutes", settings.missedAfter().toMinutes());
        decisions.record(Decisions.Draft.about(v.workerId(), HomeDecision.VISIT_MISSED).rule(MISSED, 1)
                .work(WorkKind.HOME, null, v.taskId(), v.assignmentId())
                .inputs(inputs)
                .effect(Words.of("decision.effect.visitMissed", Words.at(v.startsAt())))
                .reason(Words.of("decision.reason.visitMissed", settings.missedAfter().toMinutes()))
                .forOrganisation(p.booking().organisationId()));
        trail.record(TrailEntry.of("VISIT_MISSED").aboutWorker(v.workerId()).organisation(p.booking().organisationId())
                .work(WorkKind.HOME, v.taskId(), v.assignmentId()).with("visitId", visitId));
        events.publishEvent(Notice.toRequestersOf(p.booking().organisationId(), NoticeKind.HOME,
                Words.of("notice.home.missed", Words.at(v.startsAt())), "/household/bookings/" + v.bookingId()));
        return true;
    }

    /**
     * An upheld appeal or an override of a missed visit: the worker was there, so the visit is paid as booked, from the
     * platform's guarantee fund (the household already has its money back). Returns what was done, in words.
     */
    @Transactional
    public Words payMissed(Decision decision, long moderatorId) {
        Visit v = jdbc.sql("SELECT * FROM home_visit WHERE assignment_id = ?").param(decision.assignmentId()).query(Bookings::mapVisit).single();
        if (jdbc.sql("UPDATE home_visit SET state = 'SETTLED', paid = ?, settled_at = ?, worked_minutes = minutes, paid_minutes = minutes WHERE id = ? AND state = 'MISSED'")
                .params(v.reward(), Sql.ts(clock.instant()), v.id()).update() == 0) {
            return Words.of("decision.effect.nothingUndone");
        }
        ledger.post("APPEAL_PAID", "Missed visit " + v.id() + " paid after review", moderatorId, "assignment:" + v.assignmentId(),
                List.of(Leg.debit(LedgerAccount.platform(LedgerAccount.Type.GUARANTEE_FUND), Money.euros(v.reward())),
                        Leg.credit(LedgerAccount.worker(v.workerId()), Money.euros(v.reward()))));
        trail.record(TrailEntry.of("ASSIGNMENT_PAID").aboutWorker(v.workerId()).by(moderatorId)
                .work(WorkKind.HOME, v.taskId(), v.assignmentId()).with("amount", v.reward()).with("currency", Money.EUR)
                .with("how", "missed visit paid after review"));
        return Words.of("decision.effect.visitPaidAfterReview", Words.money(v.reward()));
    }

    static String hours(int minutes) {
        return minutes % 60 == 0 ? Integer.toString(minutes / 60) : String.format(java.util.Locale.ROOT, "%.2f", minutes / 60.0).replaceAll("0$", "");
    }
}
