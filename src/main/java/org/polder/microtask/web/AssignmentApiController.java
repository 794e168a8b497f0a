package org.polder.microtask.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.Page;
import org.polder.idempotency.Idempotency;
import org.polder.microtask.AnswerFiles;
import org.polder.microtask.AssignmentViews;
import org.polder.microtask.Claiming;
import org.polder.microtask.Reviews;
import org.polder.microtask.Submissions;
import org.polder.microtask.WorkerAssignment;
import org.polder.microtask.WorkerQuality;
import org.polder.work.AssignmentState;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Assignments", description = "Claiming, submitting and reviewing microtasks")
class AssignmentApiController {

    private final Claiming claiming;
    private final Submissions submissions;
    private final Reviews reviews;
    private final AssignmentViews views;
    private final Idempotency idempotency;
    private final WorkerQuality workerQuality;

    private final AnswerFiles files;

    AssignmentApiController(Claiming claiming, Submissions submissions, Reviews reviews, AssignmentViews views,
                            Idempotency idempotency, WorkerQuality workerQuality, AnswerFiles files) {
        this.files = files;
        this.claiming = claiming;
        this.submissions = submissions;
        this.reviews = reviews;
        this.views = views;
        this.idempotency = idempotency;
        this.workerQuality = workerQuality;
    }

    record ClaimRequest(Long batchId) {
    }

    @PostMapping("/assignments")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "204", description = "Nothing left to claim")
    @Operation(summary = "Claim the next task (of one batch, or of any batch): 201 with the assignment, 204 when nothing is left for you. Honours Idempotency-Key.")
    ResponseEntity<WorkerAssignment> claim(@AuthenticationPrincipal CurrentUser user, @RequestBody(required = false) ClaimRequest request,
                            @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        user.require(Role.WORKER);
        Long batchId = request == null ? null : request.batchId();
        return idempotency.run(user.id(), key, Idempotency.fingerprint("claim", batchId), WorkerAssignment.class,
                () -> claiming.claimTasks(user, batchId, 1).stream().findFirst()
                        .map(a -> ResponseEntity.created(URI.create("/api/v1/assignments/" + a.id())).body(a))
                        .orElseGet(() -> ResponseEntity.noContent().<WorkerAssignment>build()));
    }

    record SuiteRequest(@io.swagger.v3.oas.annotations.media.Schema(description = "the batch; any batch with work for you when left out") Long batchId,
                        @io.swagger.v3.oas.annotations.media.Schema(description = "how many tasks at most (1 to your active-task limit, 10 by default)") Integer size) {
    }

    record Suite(List<WorkerAssignment> assignments) {
    }

    @PostMapping("/assignments/suite")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "204", description = "Nothing left to claim")
    @Operation(summary = "Claim several tasks of one batch at once (a task suite): 201 with up to size assignments, fewer when fewer are left "
            + "or your active-task limit leaves room for fewer, 204 when nothing is left for you. Each is its own assignment, with its own "
            + "deadline, pay and review. Honours Idempotency-Key.")
    ResponseEntity<Suite> claimSuite(@AuthenticationPrincipal CurrentUser user, @RequestBody(required = false) SuiteRequest request,
                                     @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        user.require(Role.WORKER);
        Long batchId = request == null ? null : request.batchId();
        int size = request == null || request.size() == null ? 10 : request.size();
        return idempotency.run(user.id(), key, Idempotency.fingerprint("suite", batchId, size), Suite.class, () -> {
            List<WorkerAssignment> claimed = claiming.claimTasks(user, batchId, size);
            return claimed.isEmpty() ? ResponseEntity.noContent().<Suite>build() : ResponseEntity.status(201).body(new Suite(claimed));
        });
    }

    record Submission(@NotNull Long assignmentId,
                      @NotNull @io.swagger.v3.oas.annotations.media.Schema(description = "the answers by field name", additionalProperties = io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue.TRUE) Map<String, Object> answers) {
    }

    record SuiteSubmission(@NotEmpty List<@Valid Submission> submissions) {
    }

    @PostMapping("/assignments/submit")
    @Operation(summary = "Hand in the answers to several of your tasks together, all or none: when one is refused nothing is stored "
            + "and the problem names the assignment")
    Suite submitSuite(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody SuiteSubmission request) {
        Map<Long, Map<String, Object>> answers = new java.util.LinkedHashMap<>();
        for (Submission s : request.submissions()) {
            if (answers.put(s.assignmentId(), s.answers()) != null) {
                throw org.polder.common.DomainException.invalid("submissions: assignment " + s.assignmentId() + " is there twice")
                        .code("problem.submit.twice", s.assignmentId());
            }
        }
        return new Suite(submissions.handIn(user, answers));
    }

    @GetMapping("/assignments/{id}")
    @Operation(summary = "An assignment: your own as a worker, or one on your organisation's batches as a requester")
    WorkerAssignment get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return views.forAnyone(user, id);
    }

    @GetMapping("/me/assignments")
    @Operation(summary = "Your assignments, newest first, optionally of one state")
    Page<WorkerAssignment> mine(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) AssignmentState state,
                                @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return views.mine(user, state, page, size);
    }

    @GetMapping("/me/quality")
    @Operation(summary = "Your own quality per batch: gold questions answered and right, agreement with other workers")
    List<WorkerQuality.BatchQuality> quality(@AuthenticationPrincipal CurrentUser user) {
        return workerQuality.of(user);
    }

    record SubmitRequest(@NotNull @io.swagger.v3.oas.annotations.media.Schema(description = "the answers by field name: text, a number, or a list of texts", additionalProperties = io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue.TRUE) Map<String, Object> answers) {
    }

    @PostMapping("/assignments/{id}/submit")
    @Operation(summary = "Hand in your answers before the deadline")
    WorkerAssignment submit(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                            @Valid @RequestBody SubmitRequest request) {
        return submissions.handIn(user, java.util.Collections.singletonMap(id, request.answers())).get(0);
    }

    @PostMapping(value = "/assignments/{id}/files/{field}", consumes = org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE)
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @Operation(summary = "Upload a photo (JPEG, PNG, WebP) or PDF for a file question of your task in progress (part 'file'); "
            + "a new upload replaces the last. Then submit the answers with the returned id as that question's answer.")
    AnswerFiles.Attached upload(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable String field,
                                @RequestParam("file") org.springframework.web.multipart.MultipartFile file) throws java.io.IOException {
        return files.attach(user, id, field, file.getOriginalFilename(), file.getBytes());
    }

    @PostMapping("/assignments/{id}/release")
    @Operation(summary = "Give a task back unfinished; someone else can take it")
    WorkerAssignment release(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        claiming.release(user, id);
        return views.forWorker(user, id);
    }

    @PostMapping("/assignments/{id}/approve")
    @Operation(summary = "Approve a submission: the worker is paid from escrow. Honours Idempotency-Key.")
    ResponseEntity<WorkerAssignment> approve(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                              @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        return idempotency.run(user.id(), key, Idempotency.fingerprint("approve", id), WorkerAssignment.class, () -> {
            reviews.approve(user, id);
            return ResponseEntity.ok(views.forRequester(user, id));
        });
    }

    record RejectRequest(String reason) {
    }

    @PostMapping("/assignments/{id}/reject")
    @Operation(summary = "Reject a submission with a reason the worker reads; the slot's escrow returns to you. Honours Idempotency-Key.")
    ResponseEntity<WorkerAssignment> reject(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                             @RequestBody(required = false) RejectRequest request,
                             @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        String reason = request == null ? null : request.reason();
        return idempotency.run(user.id(), key, Idempotency.fingerprint("reject", id, reason), WorkerAssignment.class, () -> {
            reviews.reject(user, id, reason);
            return ResponseEntity.ok(views.forRequester(user, id));
        });
    }

    record BulkReview(@NotEmpty List<Long> assignmentIds, @NotNull Reviews.Decision decision, String reason) {
    }

    record BulkResult(int reviewed, Reviews.Decision decision) {
    }

    @PostMapping("/assignments/review")
    @Operation(summary = "Approve or reject many submissions at once, all or nothing. Honours Idempotency-Key.")
    ResponseEntity<BulkResult> review(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody BulkReview request,
                                      @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        return idempotency.run(user.id(), key, Idempotency.fingerprint("review", request.assignmentIds(), request.decision(), request.reason()),
                BulkResult.class,
                () -> ResponseEntity.ok(new BulkResult(reviews.review(user, request.assignmentIds(), request.decision(), request.reason()),
                        request.decision())));
    }

    record BonusRequest(@Positive long amount, String message) {
    }

    @PostMapping("/assignments/{id}/bonus")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @Operation(summary = "Pay the worker of an assignment a bonus (cents) with a message. Honours Idempotency-Key.")
    ResponseEntity<Reviews.Bonus> bonus(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @Valid @RequestBody BonusRequest request,
                            @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        return idempotency.run(user.id(), key, Idempotency.fingerprint("bonus", id, request.amount(), request.message()), Reviews.Bonus.class,
                () -> ResponseEntity.status(201).body(reviews.bonus(user, id, request.amount(), request.message())));
    }
}
