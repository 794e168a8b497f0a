package org.polder.microtask.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.common.Page;
import org.polder.idempotency.Idempotency;
import org.polder.microtask.Aggregation;
import org.polder.microtask.AssignmentViews;
import org.polder.microtask.AvailableBatch;
import org.polder.microtask.Batch;
import org.polder.microtask.BatchSpec;
import org.polder.microtask.Batches;
import org.polder.microtask.Results;
import org.polder.microtask.WorkerAssignment;
import org.polder.microtask.internal.BatchRecord;
import org.polder.quality.Method;
import org.polder.work.AssignmentState;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

@RestController
@RequestMapping("/api/v1/batches")
@Tag(name = "Batches", description = "Microtasks made from a template and a CSV file, one task per row")
class BatchApiController {

    private final Batches batches;
    private final Results results;
    private final Aggregation aggregation;
    private final AssignmentViews views;
    private final Idempotency idempotency;
    private final JsonMapper json;
    private final Validator validator;

    BatchApiController(Batches batches, Results results, Aggregation aggregation, AssignmentViews views, Idempotency idempotency, JsonMapper json,
                       Validator validator) {
        this.batches = batches;
        this.results = results;
        this.aggregation = aggregation;
        this.views = views;
        this.idempotency = idempotency;
        this.json = json;
        this.validator = validator;

    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @Operation(summary = "Create a draft batch from a spec (JSON part 'spec') and a CSV file (part 'file'). Honours Idempotency-Key.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(
            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
            encoding = @io.swagger.v3.oas.annotations.media.Encoding(name = "spec", contentType = MediaType.APPLICATION_JSON_VALUE)))
    ResponseEntity<Batch> create(@AuthenticationPrincipal CurrentUser user,
                                 @RequestPart("spec") @io.swagger.v3.oas.annotations.Parameter(description = "the batch, as JSON",
                                         schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = BatchSpec.class)) String specJson,
                             @RequestPart("file") MultipartFile file,
                             @RequestHeader(value = Idempotency.HEADER, required = false) String key) throws IOException {
        user.organisation();
        BatchSpec spec = parse(specJson);
        byte[] csv = file.getBytes();
        return idempotency.run(user.id(), key, Idempotency.fingerprint("batch", specJson, org.polder.common.Hashing.sha256(csv)), Batch.class, () -> {
            Batch batch = batches.create(user, spec, csv);
            return ResponseEntity.created(URI.create("/api/v1/batches/" + batch.id())).body(batch);
        });
    }

    @GetMapping
    @Operation(summary = "Your organisation's batches, newest first")
    List<Batch> list(@AuthenticationPrincipal CurrentUser user) {
        return batches.list(user);
    }

    @GetMapping("/available")
    @Operation(summary = "For workers: published batches with tasks left for you, with pay per hour")
    List<AvailableBatch> available(@AuthenticationPrincipal CurrentUser user) {
        return batches.available(user);
    }

    @GetMapping("/{id}")
    @Operation(summary = "A batch with its cost, escrow and progress (counts per state)")
    Batch get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return batches.get(user, id);
    }

    @PostMapping("/{id}/publish")
    @Operation(summary = "Put a draft on offer: its cost moves into escrow. Honours Idempotency-Key.")
    ResponseEntity<Batch> publish(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                              @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        return idempotency.run(user.id(), key, Idempotency.fingerprint("publish", id), Batch.class,
                () -> ResponseEntity.ok(batches.publish(user, id)));
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Stop a published batch; unspent escrow returns to your balance. Honours Idempotency-Key.")
    ResponseEntity<Batch> cancel(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                             @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        return idempotency.run(user.id(), key, Idempotency.fingerprint("cancel", id), Batch.class,
                () -> ResponseEntity.ok(batches.cancel(user, id)));
    }

    @PostMapping("/{id}/change")
    @Operation(summary = "Change live work: a later expiry (expiresAt), more answers per task (moreAnswersPerTask), a higher reward in "
            + "cents (reward; it reaches work already taken and not yet paid, and is never lowered). What it costs moves into escrow "
            + "at once (all or nothing). Honours Idempotency-Key.")
    ResponseEntity<Batch> change(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody Batches.Change change,
                                 @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        return idempotency.run(user.id(), key, Idempotency.fingerprint("change", id, String.valueOf(change.expiresAt()),
                        String.valueOf(change.moreAnswersPerTask()), String.valueOf(change.reward())), Batch.class,
                () -> ResponseEntity.ok(batches.change(user, id, change)));
    }

    @PostMapping("/{id}/resume")
    @Operation(summary = "Resume a batch paused because its measured pay per hour fell below the floor: the top-up to the floor "
            + "is paid from your balance into escrow. Honours Idempotency-Key.")
    ResponseEntity<Batch> resume(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                 @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        return idempotency.run(user.id(), key, Idempotency.fingerprint("resume", id), Batch.class,
                () -> ResponseEntity.ok(batches.resumeWithTopUp(user, id)));
    }

    @GetMapping("/{id}/assignments")
    @Operation(summary = "A batch's assignments, optionally of one state (state=SUBMITTED is the review queue)")
    Page<WorkerAssignment> assignments(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                       @RequestParam(required = false) AssignmentState state,
                                       @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return views.ofBatch(user, id, state, page, size);
    }

    @GetMapping("/{id}/results")
    @Operation(summary = "Results as CSV (format=csv, formulas neutralised) or JSON Lines (format=jsonl)")
    ResponseEntity<StreamingResponseBody> results(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                                  @RequestParam(defaultValue = "csv") String format) {
        Results.Format f = Results.format(format);
        BatchRecord batch = results.check(user, id);
        return results.download(batch, f);
    }

    @GetMapping("/{id}/aggregated")
    @Operation(summary = "One answer per task and question with its confidence: choices by the chosen method (default Dawid-Skene; also "
            + "MAJORITY_VOTE, WEIGHTED_MAJORITY_VOTE, ONE_COIN, WAWA, GLAD, MACE), free text by agreement, numbers and ratings by the median, "
            + "comparisons by Bradley-Terry (with a ranking of all items), boxes by overlap; compareModels=true adds, per one-choice question, "
            + "each model's log-likelihood of held-out answers (best first, no gold needed); format=json or csv")
    ResponseEntity<?> aggregated(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                 @RequestParam(required = false) Method method, @RequestParam(defaultValue = "json") String format,
                                 @RequestParam(defaultValue = "false") boolean compareModels) {
        Aggregation.BatchAggregate result = aggregation.aggregate(user, id, method == null ? Method.DEFAULT : method, compareModels);
        if (format.equalsIgnoreCase("csv")) {
            return aggregation.csvDownload(result);
        }
        if (!format.equalsIgnoreCase("json")) {
            throw DomainException.invalid("format: must be 'json' or 'csv', was '" + format + "'");
        }
        return ResponseEntity.ok(result);
    }

    private BatchSpec parse(String specJson) {
        BatchSpec spec;
        try {
            spec = json.readValue(specJson, BatchSpec.class);
        } catch (JacksonException e) {
            throw DomainException.invalid("spec: not valid JSON for a batch spec: " + e.getOriginalMessage());
        }
        if (spec == null) {
            throw DomainException.invalid("spec: missing");
        }
        Set<ConstraintViolation<BatchSpec>> violations = validator.validate(spec);
        if (!violations.isEmpty()) {
            ConstraintViolation<BatchSpec> first = violations.stream()
                    .min(Comparator.comparing(v -> v.getPropertyPath().toString())).orElseThrow();
            throw DomainException.invalid("spec." + first.getPropertyPath() + ": " + first.getMessage());
        }
        return spec;
    }
}
