package org.polder.microtask;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * The settings of a new batch; the CSV file comes beside it. Money in cents, times in seconds
 * unless the name says hours.
 *
 * @param reward             paid per approved assignment, in cents
 * @param assignmentsPerTask how many different workers do each task
 * @param allottedSeconds    how long a worker has after claiming a task
 * @param expectedSeconds    how long a task is expected to take: the pay floor is checked against it
 * @param expiresAt          after this, no new task is handed out and unspent escrow returns (default: in 7 days)
 * @param reviewWindowHours  submissions not reviewed within this are approved automatically (default 72, at most 720)
 * @param goldPercent        share of a worker's tasks that are gold questions, when the file has gold rows (default 10)
 * @param goldAssignmentsPerTask how many workers may answer each gold question (default 20); paid like any task
 * @param qualityRule        optional: stop giving a worker tasks of this batch when their gold accuracy is too low
 * @param requirements       qualifications a worker must hold (with at least the score) to see and do this batch
 * @param grantsQualification optional: grant a qualification on gold accuracy; a batch of gold rows only is then a
 *                           qualification test, decided when all its questions are answered
 * @param overlap            optional dynamic overlap: {@code assignmentsPerTask} answers at first, one more at a time
 *                           while the task's answer is below the confidence bar, up to {@code max}
 * @param languages          optional: languages (ISO 639-1) a worker must say they speak, all of them
 * @param regions            optional: regions (ISO 3166-2:NL provinces) a worker must say they live in, one of them
 */
public record BatchSpec(
        @NotBlank @Size(max = 200) String name,
        @NotNull Long templateId,
        @NotNull @Min(1) @Max(100_000) Long reward,
        @NotNull @Min(1) @Max(100) Integer assignmentsPerTask,
        @NotNull @Min(30) @Max(86_400) Integer allottedSeconds,
        @NotNull @Min(1) @Max(86_400) Integer expectedSeconds,
        Instant expiresAt,
        @Min(1) @Max(720) Integer reviewWindowHours,
        @Min(0) @Max(50) Integer goldPercent,
        @Min(1) @Max(1000) Integer goldAssignmentsPerTask,
        @jakarta.validation.Valid QualityRule qualityRule,
        java.util.List<@jakarta.validation.Valid Requirement> requirements,
        @jakarta.validation.Valid Grant grantsQualification,
        @jakarta.validation.Valid Overlap overlap,
        java.util.List<String> languages,
        java.util.List<String> regions) {

    /** The settings without targeting. */
    public BatchSpec(String name, Long templateId, Long reward, Integer assignmentsPerTask, Integer allottedSeconds, Integer expectedSeconds,
                     Instant expiresAt, Integer reviewWindowHours, Integer goldPercent, Integer goldAssignmentsPerTask, QualityRule qualityRule,
                     java.util.List<Requirement> requirements, Grant grantsQualification, Overlap overlap) {
        this(name, templateId, reward, assignmentsPerTask, allottedSeconds, expectedSeconds, expiresAt, reviewWindowHours, goldPercent,
                goldAssignmentsPerTask, qualityRule, requirements, grantsQualification, overlap, null, null);
    }

    /** At most {@code max} answers per task; stop asking once the answer is at least {@code confidencePercent} sure. */
    public record Overlap(@NotNull @Min(1) @Max(100) Integer max, @NotNull @Min(50) @Max(99) Integer confidencePercent) {
    }

    /** A qualification a worker must hold with at least this score (0-100). */
    public record Requirement(@NotNull Long qualificationId, @NotNull @Min(0) @Max(100) Integer minScore) {
    }

    /** The qualification this batch grants to workers whose gold accuracy reaches the pass mark. */
    public record Grant(@NotNull Long qualificationId, @NotNull @Min(1) @Max(100) Integer passPercent) {
    }

    /**
     * "Gold accuracy below {@code minGoldAccuracyPercent} after at least {@code minGoldAnswers} gold
     * answers: no more tasks of this batch for this worker." Never on fewer than 5 scored answers.
     */
    public record QualityRule(@NotNull @Min(1) @Max(100) Integer minGoldAccuracyPercent,
                              @NotNull @Min(value = 5, message = "must be at least 5: no rule acts on thinner evidence") @Max(1000) Integer minGoldAnswers) {
    }

    /** The settings without gold questions. */
    public BatchSpec(String name, Long templateId, Long reward, Integer assignmentsPerTask, Integer allottedSeconds,
                     Integer expectedSeconds, Instant expiresAt, Integer reviewWindowHours) {
        this(name, templateId, reward, assignmentsPerTask, allottedSeconds, expectedSeconds, expiresAt, reviewWindowHours, null, null, null, null, null, null,
                null, null);
    }
}
