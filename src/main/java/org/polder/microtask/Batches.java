package org.polder.microtask;

import org.polder.common.CsvProblem;
import org.polder.work.Assignments;
import org.polder.common.Automated;
import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.account.WorkerProfile;
import org.polder.account.WorkerProfiles;
import org.polder.common.DomainException;
import org.polder.common.Sql;
import org.polder.ledger.Escrow;
import org.polder.ledger.Fees;
import org.polder.ledger.Ledger;
import org.polder.ledger.Money;
import org.polder.oversight.Blocks;
import org.polder.quality.Qualifications;
import org.polder.microtask.internal.BatchRecord;
import org.polder.microtask.internal.BatchStore;
import org.polder.microtask.internal.LowPayCheck;
import org.polder.common.CsvParser;
import org.polder.common.CsvTable;
import org.polder.microtask.internal.GoldColumns;
import org.polder.microtask.internal.Placeholders;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.polder.work.PayFloor;
import org.polder.work.WorkKind;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Batches of microtasks: import from CSV, publish (escrow the cost), cancel or expire (return what
 * was not spent), and read them back with their progress.
 */
@Service
public class Batches {

    static final int DEFAULT_REVIEW_WINDOW_HOURS = 72;
    static final Duration DEFAULT_LIFETIME = Duration.ofDays(7);
    /** The latest a batch may be extended to, from now. */
    static final Duration MAX_LIFETIME = Duration.ofDays(90);
    /** As many answers per task as a batch may ask for when it is created. */
    static final int MAX_ANSWERS_PER_TASK = 100;
    /** As much as a task may pay when a batch is created, in cents. */
    static final long MAX_REWARD = 100_000;
    private static final int INSERT_CHUNK = 1000;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final BatchStore store;
    private final Templates templates;
    private final Ledger ledger;
    private final Escrow escrow;
    private final Fees fees;
    private final PayFloor payFloor;
    private final Trail trail;
    private final Accounts accounts;
    private final Qualifications qualifications;
    private final RequesterRecords requesterRecords;
    private final LowPayCheck lowPay;
    private final Assignments work;
    private final Blocks blocks;
    private final WorkerProfiles profiles;
    private final org.polder.account.PlayAccounts play;

    Batches(Assignments work, JdbcClient jdbc, JsonMapper json, Clock clock, BatchStore store, Templates templates,
            Ledger ledger, Escrow escrow, Fees fees, PayFloor payFloor, Trail trail, Accounts accounts, Qualifications qualifications,
            RequesterRecords requesterRecords, LowPayCheck lowPay, Blocks blocks, WorkerProfiles profiles,
            org.polder.account.PlayAccounts play) {
        this.work = work;
        this.profiles = profiles;
        this.play = play;
        this.blocks = blocks;
        this.lowPay = lowPay;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.store = store;
        this.templates = templates;
        this.ledger = ledger;
        this.escrow = escrow;
        this.fees = fees;
        this.payFloor = payFloor;
        this.trail = trail;
        this.accounts = accounts;
        this.qualifications = qualifications;
        this.requesterRecords = requesterRecords;
    }

    /**
     * Imports a CSV file as a draft batch, one task per row. The whole file is checked first; a
     * problem anywhere refuses the file and nothing is stored.
     */
    @Transactional
    public Batch create(CurrentUser user, BatchSpec spec, byte[] csv) {
        long org = user.organisation();
        Template template = templates.get(user, spec.templateId());
        Instant now = clock.instant();
        checkPayFloor(spec.reward(), spec.expectedSeconds());
        if (spec.expectedSeconds() > spec.allottedSeconds()) {
            throw DomainException.invalid("allottedSeconds: must be at least expectedSeconds (" + spec.expectedSeconds()
                    + ") so that a worker has time to do the task").code("problem.batch.allotted", spec.expectedSeconds());
        }
        Instant expiresAt = spec.expiresAt() == null ? now.plus(DEFAULT_LIFETIME) : spec.expiresAt();
        if (spec.requirements() != null) {
            spec.requirements().forEach(r -> qualifications.ofOrganisation(r.qualificationId(), org));
            if (spec.requirements().stream().map(BatchSpec.Requirement::qualificationId).distinct().count() != spec.requirements().size()) {
                throw DomainException.invalid("requirements: each qualification may be required once");
            }
        }
        if (spec.grantsQualification() != null) {
            qualifications.ofOrganisation(spec.grantsQualification().qualificationId(), org);
        }
        if (spec.overlap() != null && spec.overlap().max() < spec.assignmentsPerTask()) {
            throw DomainException.invalid("overlap.max: must be at least assignmentsPerTask (" + spec.assignmentsPerTask()
                    + "), the number of answers every task gets first");
        }
        if (!expiresAt.isAfter(now.plusSeconds(spec.allottedSeconds()))) {
            throw DomainException.invalid("expiresAt: must be later than now plus the allotted time").code("problem.batch.expires");
        }
        int reviewHours = spec.reviewWindowHours() == null ? DEFAULT_REVIEW_WINDOW_HOURS : spec.reviewWindowHours();
        List<String> languages = WorkerProfiles.languages(spec.languages(), "languages");
        List<String> regions = WorkerProfiles.regions(spec.regions(), "regions");

        CsvTable table = CsvParser.parse(csv);
        GoldColumns gold = GoldColumns.of(table.header(), template.fields());
        Map<String, String> used = Placeholders.used(template.spec());
        for (Map.Entry<String, String> placeholder : used.entrySet()) {
            if (!gold.inputColumns().contains(placeholder.getKey())) {
                throw new CsvProblem("The template uses ${" + placeholder.getKey() + "} (in " + placeholder.getValue()
                        + ") but the CSV has no column named '" + placeholder.getKey() + "'; its columns are "
                        + String.join(", ", gold.inputColumns()), 1, null, placeholder.getKey())
                        .code("problem.csv.placeholder", placeholder.getKey(), String.join(", ", gold.inputColumns()));
            }
        }
        List<Map<String, Object>> known = new ArrayList<>(table.rows().size());
        int goldCount = 0;
        for (int r = 0; r < table.rows().size(); r++) {
            Map<String, Object> answers = gold.answers(table.rows().get(r), r + 2);
            known.add(answers);
            goldCount += answers.isEmpty() ? 0 : 1;
        }
        if (goldCount == table.rows().size() && spec.grantsQualification() == null) {
            throw new CsvProblem("Every row is a gold question; a batch needs rows without a known answer too", null, null, null)
                    .code("problem.gold.allGold");
        }
        int goldPercent = goldCount == 0 ? 0 : spec.goldPercent() == null ? 10 : spec.goldPercent();
        int goldAssignments = spec.goldAssignmentsPerTask() == null ? 20 : spec.goldAssignmentsPerTask();

        long fee = fees.feeFor(spec.reward());
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO batch (organisation_id, template_id, name, state, template_snapshot, columns_json, task_count,
                                           reward, fee, currency, assignments_per_task, allotted_seconds, expected_seconds,
                                           review_window_seconds, expires_at, created_by, created_at, gold_count, gold_percent,
                                           gold_assignments_per_task, rule_min_gold_accuracy, rule_min_gold_answers,
                                           grants_qualification_id, grants_pass_percent, overlap_max, overlap_confidence, languages, regions)
                        VALUES (?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(org, template.id(), spec.name().strip(), json.writeValueAsString(template.spec()),
                        json.writeValueAsString(gold.inputColumns()), table.rows().size(), spec.reward(), fee, Money.EUR,
                        spec.assignmentsPerTask(), spec.allottedSeconds(), spec.expectedSeconds(), reviewHours * 3600L,
                        Sql.ts(expiresAt), user.id(), Sql.ts(now), goldCount, goldPercent, goldAssignments,
                        spec.qualityRule() == null ? null : spec.qualityRule().minGoldAccuracyPercent(),
                        spec.qualityRule() == null ? null : spec.qualityRule().minGoldAnswers(),
                        spec.grantsQualification() == null ? null : spec.grantsQualification().qualificationId(),
                        spec.grantsQualification() == null ? null : spec.grantsQualification().passPercent(),
                        spec.overlap() == null ? null : spec.overlap().max(),
                        spec.overlap() == null ? null : spec.overlap().confidencePercent(),
                        languages.isEmpty() ? null : String.join(",", languages), regions.isEmpty() ? null : String.join(",", regions))
                .update(key, "id");
        long batchId = key.getKey().longValue();
        for (BatchSpec.Requirement r : spec.requirements() == null ? List.<BatchSpec.Requirement>of() : spec.requirements()) {
            jdbc.sql("INSERT INTO batch_requirement (batch_id, qualification_id, min_score) VALUES (?, ?, ?)")
                    .params(batchId, r.qualificationId(), r.minScore()).update();
        }

        List<Assignments.BatchTask> chunk = new ArrayList<>(INSERT_CHUNK);
        for (int r = 0; r < table.rows().size(); r++) {
            List<String> values = table.rows().get(r);
            boolean isGold = !known.get(r).isEmpty();
            int slots = isGold ? goldAssignments : spec.overlap() == null ? spec.assignmentsPerTask() : spec.overlap().max();
            int open = isGold ? goldAssignments : spec.assignmentsPerTask();
            chunk.add(new Assignments.BatchTask(r + 1, json.writeValueAsString(gold.input(values)), slots, open, isGold,
                    isGold ? json.writeValueAsString(known.get(r)) : null, isGold ? gold.hint(values) : null));
            if (chunk.size() == INSERT_CHUNK) {
                work.openBatchTasks(batchId, chunk);
                chunk.clear();
            }
        }
        work.openBatchTasks(batchId, chunk);
        trail.record(TrailEntry.of("BATCH_CREATED").by(user.id()).organisation(org)
                .with("batchId", batchId).with("tasks", table.rows().size()).with("goldTasks", goldCount));
        return get(user, batchId);
    }

    /** Puts a draft on offer: its whole cost moves from the organisation's balance into escrow, or nothing happens. */
    @Transactional
    public Batch publish(CurrentUser user, long id) {
        long org = user.organisation();
        BatchRecord batch = store.ofOrganisation(id, org);
        Instant now = clock.instant();
        if (batch.state() != Batch.State.DRAFT || store.lockState(id) != Batch.State.DRAFT) {
            throw DomainException.conflict("Batch " + id + " is " + batch.state() + "; only a DRAFT can be published")
                    .code("problem.batch.notDraft");
        }
        checkPayFloor(batch.reward(), batch.expectedSeconds());
        if (!batch.expiresAt().isAfter(now)) {
            throw DomainException.conflict("Batch " + id + " expired at " + batch.expiresAt() + " before it was published");
        }
        Money cost = Money.euros(batch.slotCost()).times(batch.slots());
        jdbc.sql("UPDATE batch SET state = 'PUBLISHED', published_at = ? WHERE id = ?").params(Sql.ts(now), id).update();
        escrow.fund(new Escrow.Of(WorkKind.MICROTASK, id, org), cost.cents(),
                new Escrow.Entry("BATCH_PUBLISHED", "Escrow for batch " + id + " (" + batch.name() + ")", user.id(), "batch:" + id));
        trail.record(TrailEntry.of("BATCH_PUBLISHED").by(user.id()).organisation(org)
                .with("batchId", id).with("escrow", cost.cents()));
        return get(user, id);
    }

    /** What a requester changes in live work; each part optional, at least one given. */
    public record Change(Instant expiresAt, Integer moreAnswersPerTask, Long reward) {
    }

    /**
     * Changes live work (MTurk's "extend" and "raise", Toloka's "add overlap"): a later expiry; more answers per task;
     * a higher reward, which reaches the work already taken and not yet paid too (a reward is never lowered). What it
     * costs moves into escrow at once from the organisation's balance, all or nothing. Only a batch on offer or
     * paused; more answers only where every task gets a fixed number (not with dynamic overlap).
     */
    @Transactional
    public Batch change(CurrentUser user, long id, Change change) {
        long org = user.organisation();
        BatchRecord batch = store.ofOrganisation(id, org);
        Batch.State state = store.lockState(id);
        if (state != Batch.State.PUBLISHED && state != Batch.State.PAUSED) {
            throw DomainException.conflict("Batch " + id + " is " + state + "; only work on offer or paused can change")
                    .code("problem.batch.notPublished");
        }
        batch = store.find(id).orElseThrow();   // as it is now that the row is locked
        Instant now = clock.instant();
        Instant expiresAt = change.expiresAt();
        Integer more = change.moreAnswersPerTask();
        if (expiresAt == null && more == null && change.reward() == null) {
            throw DomainException.invalid("expiresAt, moreAnswersPerTask, reward: say what to change").code("problem.batch.nothingToChange");
        }
        if (expiresAt != null && (!expiresAt.isAfter(batch.expiresAt()) || expiresAt.isAfter(now.plus(MAX_LIFETIME)))) {
            throw DomainException.invalid("expiresAt: later than the present expiry and at most " + MAX_LIFETIME.toDays() + " days from now")
                    .code("problem.batch.extend", MAX_LIFETIME.toDays());
        }
        if (more != null && (more < 1 || batch.assignmentsPerTask() + more > MAX_ANSWERS_PER_TASK)) {
            throw DomainException.invalid("moreAnswersPerTask: from 1, up to " + MAX_ANSWERS_PER_TASK + " answers per task in all")
                    .code("problem.batch.moreAnswers", MAX_ANSWERS_PER_TASK);
        }
        if (more != null && batch.overlapMax() != null) {
            throw DomainException.invalid("moreAnswersPerTask: this batch asks for more answers by itself where answers disagree "
                    + "(dynamic overlap)").code("problem.batch.moreAnswersOverlap");
        }
        long reward = change.reward() == null ? batch.reward() : change.reward();
        if (reward < batch.reward() || reward > MAX_REWARD) {
            throw DomainException.invalid("reward: at least the present reward (" + batch.reward() + " cents; it is never lowered), at most "
                    + MAX_REWARD + " cents").code("problem.batch.lowerReward", Money.euros(batch.reward()).decimal());
        }
        long fee = reward == batch.reward() ? batch.fee() : fees.feeFor(reward);
        long raise = reward + fee - batch.reward() - batch.fee();
        long cost = 0;
        if (raise > 0) {
            // Every place still to be paid costs the difference: open places and work taken but not yet paid.
            long open = jdbc.sql("SELECT COALESCE(SUM(open_slots), 0) FROM task WHERE batch_id = ?").param(id).query(Long.class).single();
            int taken = work.raiseBatchPay(id, reward, fee);
            cost = Math.multiplyExact(open + taken, raise);
            jdbc.sql("UPDATE batch SET reward = ?, fee = ? WHERE id = ?").params(reward, fee, id).update();
        }
        if (more != null) {
            int tasks = work.addBatchSlots(id, more);
            cost = Math.addExact(cost, Math.multiplyExact((long) tasks * more, reward + fee + batch.topUp()));
            jdbc.sql("UPDATE batch SET assignments_per_task = assignments_per_task + ? WHERE id = ?").params(more, id).update();
        }
        if (cost > 0) {
            escrow.fund(new Escrow.Of(WorkKind.MICROTASK, id, org), cost, new Escrow.Entry("BATCH_EXTENDED",
                    "Escrow for the change of batch " + id, user.id(), "batch:" + id));
        }
        if (expiresAt != null) {
            jdbc.sql("UPDATE batch SET expires_at = ? WHERE id = ?").params(Sql.ts(expiresAt), id).update();
        }
        trail.record(TrailEntry.of("BATCH_CHANGED").by(user.id()).organisation(org).with("batchId", id)
                .with("expiresAt", expiresAt == null ? null : expiresAt.toString()).with("moreAnswersPerTask", more)
                .with("reward", reward).with("escrow", cost));
        return get(user, id);
    }

    /** Puts a batch paused by the low-pay check back on offer, with the top-up to the floor paid from the balance. */
    @Transactional
    public Batch resumeWithTopUp(CurrentUser user, long id) {
        store.ofOrganisation(id, user.organisation());
        lowPay.resume(id, user.id());
        return get(user, id);
    }

    @Transactional
    public Batch cancel(CurrentUser user, long id) {
        store.ofOrganisation(id, user.organisation());
        close(id, Batch.State.CANCELLED, user.id());
        return get(user, id);
    }

    /**
     * Takes a published batch off offer and returns to the organisation every cent of escrow not
     * needed for work already under way or awaiting review. Work under way may still be submitted.
     */
    @Transactional
    public void close(long id, Batch.State outcome, Long actorId) {
        BatchRecord batch = store.find(id).orElseThrow();
        Batch.State state = store.lockState(id);
        if (state != Batch.State.PUBLISHED && state != Batch.State.PAUSED) {
            throw DomainException.conflict("Batch " + id + " is " + state + "; only a PUBLISHED or PAUSED batch can be closed")
                    .code("problem.batch.notPublished");
        }
        jdbc.sql("UPDATE batch SET state = ?, closed_at = ? WHERE id = ?").params(outcome.name(), Sql.ts(clock.instant()), id).update();
        work.closeBatchTasks(id);
        Escrow.Of money = new Escrow.Of(WorkKind.MICROTASK, id, batch.organisationId());
        long held = escrow.held(money);
        long active = jdbc.sql("SELECT COUNT(*) FROM assignment WHERE batch_id = ? AND state IN ('STARTED', 'SUBMITTED')")
                .param(id).query(Long.class).single();
        long refund = held - active * batch.slotCost();
        escrow.giveBack(money, refund, "Unspent escrow of batch " + id + " returned (" + outcome.name().toLowerCase() + ")", actorId,
                "batch:" + id);
        trail.record(TrailEntry.of("BATCH_" + outcome.name()).by(actorId).organisation(batch.organisationId())
                .with("batchId", id).with("returned", Math.max(refund, 0)));
    }

    @Transactional(readOnly = true)
    public Batch get(CurrentUser user, long id) {
        return view(store.ofOrganisation(id, user.organisation()));
    }

    @Transactional(readOnly = true)
    public List<Batch> list(CurrentUser user) {
        return jdbc.sql("SELECT id FROM batch WHERE organisation_id = ? ORDER BY id DESC").param(user.organisation())
                .query(Long.class).list().stream().map(id -> view(store.find(id).orElseThrow())).toList();
    }

    /** The feed: published batches with work left that this worker has not yet done. */
    @Transactional(readOnly = true)
    public List<AvailableBatch> available(CurrentUser user) {
        long worker = user.require(Role.WORKER).id();
        Instant now = clock.instant();
        Map<Long, RequesterRecords.RequesterRecord> records = new java.util.HashMap<>();
        java.util.Set<Long> blocking = blocks.organisationsBlocking(worker);
        WorkerProfile profile = profiles.of(worker);
        return jdbc.sql("""
                        SELECT b.id, b.organisation_id, b.name, b.reward, b.expected_seconds, b.allotted_seconds,
                               b.review_window_seconds, b.expires_at, b.template_snapshot, b.languages, b.regions,
                               (SELECT COUNT(*) FROM task t WHERE t.batch_id = b.id AND t.open_slots > 0
                                  AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.task_id = t.id AND a.worker_id = ?)) AS left_for_me
                        FROM batch b WHERE b.state = 'PUBLISHED' AND b.expires_at > ?
                          AND NOT EXISTS (SELECT 1 FROM batch_block x WHERE x.batch_id = b.id AND x.worker_id = ?)
                          AND """ + Claiming.MEETS_REQUIREMENTS + " AND " + play.workFor(worker, "b.organisation_id") + " " + """
                        ORDER BY b.published_at DESC, b.id DESC""")
                .params(worker, Sql.ts(now), worker, worker)
                .query((rs, n) -> {
                    if (blocking.contains(rs.getLong("organisation_id"))
                            || !profile.meets(WorkerProfiles.split(rs.getString("languages")), WorkerProfiles.split(rs.getString("regions")))) {
                        return null;   // a requester who blocked this worker, or work asking for what their profile does not say
                    }
                    TemplateSpec t = json.readValue(rs.getString("template_snapshot"), TemplateSpec.class);
                    LowPayCheck.Measured measured = lowPay.measured(rs.getLong("id"));
                    long reward = rs.getLong("reward");
                    int expected = rs.getInt("expected_seconds");
                    return new AvailableBatch(rs.getLong("id"), rs.getString("name"),
                            accounts.organisation(rs.getLong("organisation_id")).name(),
                            Placeholders.strip(t.title()), Placeholders.strip(t.description()),
                            Money.euros(reward), expected, Money.euros(PayFloor.perHour(reward, expected)),
                            rs.getInt("allotted_seconds"), rs.getLong("left_for_me"), rs.getLong("review_window_seconds") / 3600,
                            Sql.instant(rs, "expires_at"), records.computeIfAbsent(rs.getLong("organisation_id"), requesterRecords::of),
                            measured.medianPerHour() == null ? null : Money.euros(measured.medianPerHour()), measured.assignments());
                })
                .list().stream().filter(b -> b != null && b.tasksLeft() > 0).toList();
    }

    /** One row of a batch (a draft too) rendered exactly as a worker will see its task; rows count from 1. */
    @Transactional(readOnly = true)
    public RenderedTask preview(CurrentUser user, long batchId, int row) {
        BatchRecord batch = store.ofOrganisation(batchId, user.require(Role.REQUESTER).organisation());
        int rows = batch.taskCount();
        String data = jdbc.sql("SELECT data FROM task WHERE batch_id = ? AND row_no = ?").params(batchId, row).query(String.class).optional()
                .orElseThrow(() -> DomainException.invalid("row: from 1 to " + rows + ", was " + row).code("problem.batch.previewRow", rows));
        return org.polder.microtask.internal.TaskRenderer.render(batch.template(), store.row(data));
    }

    /** How many batches on offer this worker does not see because they ask for a language or region their profile does not say. */
    @Transactional(readOnly = true)
    public long hiddenByProfile(CurrentUser user) {
        long worker = user.require(Role.WORKER).id();
        WorkerProfile profile = profiles.of(worker);
        return jdbc.sql("SELECT languages, regions FROM batch WHERE state = 'PUBLISHED' AND expires_at > ? AND (languages IS NOT NULL OR regions IS NOT NULL) AND "
                        + play.workFor(worker, "organisation_id"))
                .param(Sql.ts(clock.instant()))
                .query((rs, n) -> profile.meets(WorkerProfiles.split(rs.getString(1)), WorkerProfiles.split(rs.getString(2))))
                .list().stream().filter(met -> !met).count();
    }

    /** Published batches past their expiry, for the expiry job. */
    @Transactional(readOnly = true)
    public List<Long> dueToExpire(int limit) {
        return jdbc.sql("SELECT id FROM batch WHERE state IN ('PUBLISHED', 'PAUSED') AND expires_at <= ? ORDER BY expires_at LIMIT ?")
                .params(Sql.ts(clock.instant()), limit).query(Long.class).list();
    }

    Progress progress(long batchId, long tasks, long slots) {
        Map<String, Long> byState = new LinkedHashMap<>();
        jdbc.sql("SELECT state, COUNT(*) FROM assignment WHERE batch_id = ? GROUP BY state").param(batchId)
                .query(rs -> {
                    byState.put(rs.getString(1), rs.getLong(2));
                });
        long open = jdbc.sql("SELECT COALESCE(SUM(open_slots), 0) FROM task WHERE batch_id = ?").param(batchId)
                .query(Long.class).single();
        return new Progress(tasks, slots, open, byState.getOrDefault("STARTED", 0L), byState.getOrDefault("SUBMITTED", 0L),
                byState.getOrDefault("APPROVED", 0L) + byState.getOrDefault("PAID", 0L), byState.getOrDefault("REJECTED", 0L),
                byState.getOrDefault("RELEASED", 0L), byState.getOrDefault("EXPIRED", 0L));
    }

    private Batch view(BatchRecord b) {
        Progress progress = progress(b.id(), b.taskCount(), b.slots());
        LowPayCheck.Measured measured = lowPay.measured(b.id());
        boolean closed = b.state() == Batch.State.CANCELLED || b.state() == Batch.State.EXPIRED;
        return new Batch(b.id(), b.organisationId(), b.name(), b.state(), b.templateId(), b.columns(), b.taskCount(),
                Money.euros(b.reward()), Money.euros(b.fee()), b.assignmentsPerTask(), b.allottedSeconds(), b.expectedSeconds(),
                Money.euros(PayFloor.perHour(b.reward(), b.expectedSeconds())),
                Money.euros(payFloor.lowestReward(b.expectedSeconds())), b.reviewWindowSeconds() / 3600, b.expiresAt(),
                b.createdAt(), b.publishedAt(), b.closedAt(), Money.euros(b.slotCost()).times(b.slots()),
                escrow.balance(new Escrow.Of(WorkKind.MICROTASK, b.id(), b.organisationId())), progress,
                b.state() != Batch.State.DRAFT && progress.complete(closed), b.goldCount(), b.goldPercent(),
                b.goldAssignmentsPerTask(), b.ruleMinGoldAccuracy() == null ? null
                : new BatchSpec.QualityRule(b.ruleMinGoldAccuracy(), b.ruleMinGoldAnswers()),
                jdbc.sql("SELECT qualification_id, min_score FROM batch_requirement WHERE batch_id = ? ORDER BY qualification_id")
                        .param(b.id()).query((rs, n) -> new BatchSpec.Requirement(rs.getLong(1), rs.getInt(2))).list(),
                b.grantsQualificationId() == null ? null : new BatchSpec.Grant(b.grantsQualificationId(), b.grantsPassPercent()),
                b.overlapMax() == null ? null : new BatchSpec.Overlap(b.overlapMax(), b.overlapConfidence()),
                b.lowPay() == null ? null : new Batch.LowPay(b.lowPay().at(), Money.euros(b.lowPay().median()),
                        Money.euros(b.lowPay().floor()), b.lowPay().measured(), b.lowPay().action(), Money.euros(b.topUp())),
                measured.medianPerHour() == null ? null : Money.euros(measured.medianPerHour()), measured.assignments());
    }

    @Automated("work.pay-floor")
    private void checkPayFloor(long reward, int expectedSeconds) {
        PayFloor.Minimum minimum = payFloor.minimumFor(org.polder.work.WorkKind.MICROTASK, null);
        if (minimum.agreement() != null) {
            long lowestAgreed = PayFloor.lowestReward(minimum.hourlyCents(), expectedSeconds);
            if (reward < lowestAgreed) {
                throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, "Below the collective agreement",
                        "reward: " + Money.euros(reward).decimal() + " EUR for " + expectedSeconds + " seconds pays "
                                + Money.euros(PayFloor.perHour(reward, expectedSeconds)).decimal() + " EUR per hour, below the "
                                + Money.euros(minimum.hourlyCents()).decimal() + " EUR per hour of the collective agreement '"
                                + minimum.agreement().name() + "'; the lowest acceptable reward is " + Money.euros(lowestAgreed).decimal() + " EUR",
                        Map.of("lowestAcceptableReward", lowestAgreed, "hourlyFloor", minimum.hourlyCents(), "agreement", minimum.agreement().name()))
                        .code("problem.batch.agreement", Money.euros(PayFloor.perHour(reward, expectedSeconds)).decimal(),
                                Money.euros(minimum.hourlyCents()).decimal(), minimum.agreement().name(), Money.euros(lowestAgreed).decimal());
            }
        }
        long lowest = payFloor.lowestReward(expectedSeconds);
        if (reward < lowest) {
            throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, "Below the pay floor",
                    "reward: " + Money.euros(reward).decimal() + " EUR for " + expectedSeconds + " seconds pays "
                            + Money.euros(PayFloor.perHour(reward, expectedSeconds)).decimal() + " EUR per hour, below the floor of "
                            + Money.euros(payFloor.hourlyCents()).decimal() + " EUR per hour; the lowest acceptable reward is "
                            + Money.euros(lowest).decimal() + " EUR (" + lowest + " cents)",
                    Map.of("lowestAcceptableReward", lowest, "hourlyFloor", payFloor.hourlyCents()))
                    .code("problem.batch.payFloor", Money.euros(PayFloor.perHour(reward, expectedSeconds)).decimal(),
                            Money.euros(payFloor.hourlyCents()).decimal(), Money.euros(lowest).decimal());
        }
    }
}
