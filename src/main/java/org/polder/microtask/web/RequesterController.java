package org.polder.microtask.web;

import org.polder.common.CsvProblem;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.common.Texts;
import org.polder.microtask.Aggregation;
import org.polder.microtask.AssignmentViews;
import org.polder.microtask.Batch;
import org.polder.microtask.BatchSpec;
import org.polder.microtask.Batches;
import org.polder.microtask.Results;
import org.polder.microtask.Reviews;
import org.polder.microtask.Template;
import org.polder.microtask.TemplateSpec;
import org.polder.microtask.Templates;
import org.polder.microtask.internal.BatchRecord;
import org.polder.microtask.internal.Placeholders;
import org.polder.quality.Method;
import org.polder.quality.Qualifications;
import org.polder.work.AssignmentState;
import org.polder.work.PayFloor;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The requester's pages: templates with a live preview, uploading and publishing batches, the dashboard and review. */
@Controller
@RequestMapping("/requester")
class RequesterController {

    private final Templates templates;
    private final Batches batches;
    private final AssignmentViews views;
    private final Reviews reviews;
    private final Results results;
    private final Aggregation aggregation;
    private final Qualifications qualifications;
    private final PayFloor payFloor;
    private final Validator validator;
    private final Texts texts;
    private final Clock clock;

    RequesterController(Templates templates, Batches batches, AssignmentViews views, Reviews reviews, Results results,
                        Aggregation aggregation, Qualifications qualifications,
                        PayFloor payFloor, Validator validator, Texts texts, Clock clock) {
        this.clock = clock;
        this.templates = templates;
        this.batches = batches;
        this.views = views;
        this.reviews = reviews;
        this.results = results;
        this.aggregation = aggregation;
        this.qualifications = qualifications;
        this.payFloor = payFloor;
        this.validator = validator;
        this.texts = texts;
    }

    // ---- templates

    @GetMapping("/templates")
    String templates(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("templates", templates.list(user));
        return "microtask/templates";
    }

    @GetMapping("/templates/new")
    String newTemplate(@AuthenticationPrincipal CurrentUser user, Model model) {
        user.organisation();
        return editor(model, TemplateForm.empty(), null, null);
    }

    @GetMapping("/templates/{id}")
    String editTemplate(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
        return editor(model, TemplateForm.of(templates.get(user, id)), id, null);
    }

    @PostMapping("/templates")
    String createTemplate(@AuthenticationPrincipal CurrentUser user, @ModelAttribute("form") TemplateForm form, Model model,
                          RedirectAttributes redirect, HttpServletResponse response) {
        try {
            Template t = templates.create(user, checked(form.spec()));
            redirect.addFlashAttribute("flash", text("template.saved"));
            return "redirect:/requester/templates/" + t.id();
        } catch (DomainException e) {
            response.setStatus(400);
            form.pad();
            return editor(model, form, null, texts.of(e));
        }
    }

    @PostMapping("/templates/{id}")
    String updateTemplate(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @ModelAttribute("form") TemplateForm form,
                          Model model, RedirectAttributes redirect, HttpServletResponse response) {
        try {
            templates.update(user, id, checked(form.spec()), form.getVersion());
            redirect.addFlashAttribute("flash", text("template.saved"));
            return "redirect:/requester/templates/" + id;
        } catch (DomainException e) {
            response.setStatus(e.status().value() == 404 ? 404 : 400);
            form.pad();
            return editor(model, form, id, texts.of(e));
        }
    }

    /** The live preview (htmx): the template as a worker will see it, with sample values for its placeholders. */
    @PostMapping("/templates/preview")
    String preview(@AuthenticationPrincipal CurrentUser user, @ModelAttribute("form") TemplateForm form, Model model) {
        user.organisation();
        TemplateSpec spec = form.spec();
        Map<String, String> sample = new LinkedHashMap<>();
        Placeholders.used(spec).keySet().forEach(column -> sample.put(column, "[" + column + "]"));
        try {
            model.addAttribute("task", templates.preview(checked(spec), sample));
        } catch (DomainException e) {
            model.addAttribute("previewError", texts.of(e));
        }
        model.addAttribute("columns", sample.keySet());
        model.addAttribute("values", Map.of());
        return "microtask/template-edit :: preview";
    }

    private String editor(Model model, TemplateForm form, Long id, String error) {
        model.addAttribute("form", form);
        model.addAttribute("templateId", id);
        model.addAttribute("error", error);
        TemplateSpec spec = form.spec();
        Map<String, String> sample = new LinkedHashMap<>();
        Placeholders.used(spec).keySet().forEach(column -> sample.put(column, "[" + column + "]"));
        model.addAttribute("columns", sample.keySet());
        model.addAttribute("values", Map.of());
        if (!spec.fields().isEmpty()) {
            try {
                model.addAttribute("task", templates.preview(checked(spec), sample));
            } catch (DomainException e) {
                model.addAttribute("previewError", texts.of(e));
            }
        }
        return "microtask/template-edit";
    }

    private TemplateSpec checked(TemplateSpec spec) {
        for (ConstraintViolation<TemplateSpec> v : validator.validate(spec)) {
            throw DomainException.invalid(v.getPropertyPath() + ": " + v.getMessage());
        }
        return spec;
    }

    // ---- batches

    @GetMapping("/batches")
    String batches(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("batches", batches.list(user));
        return "microtask/batches";
    }

    /** The new-batch form: settings in euros, minutes and days, as people think of them. */
    public record BatchForm(Long templateId, String name, BigDecimal reward, Integer assignmentsPerTask, Integer allottedMinutes,
                            Integer expectedSeconds, Integer expiresInDays, Integer reviewWindowHours, Integer goldPercent,
                            Integer goldAssignmentsPerTask, Integer ruleMinGoldAccuracy, Integer ruleMinGoldAnswers,
                            Long requiredQualificationId, Integer requiredMinScore, Long grantsQualificationId,
                            Integer grantsPassPercent, Integer overlapMax, Integer overlapConfidence, String language, String region) {

        static BatchForm defaults() {
            return new BatchForm(null, "", new BigDecimal("0.20"), 3, 10, 30, 7, 72, 10, 20, null, 5, null, 80, null, 80, null, 90, null, null);
        }
    }

    @GetMapping("/batches/new")
    String newBatch(@AuthenticationPrincipal CurrentUser user, Model model) {
        return batchForm(user, model, BatchForm.defaults(), null);
    }

    @PostMapping("/batches")
    String createBatch(@AuthenticationPrincipal CurrentUser user, @ModelAttribute("form") BatchForm form,
                       @RequestParam(value = "file", required = false) MultipartFile file, Model model,
                       RedirectAttributes redirect, HttpServletResponse response) throws IOException {
        try {
            long reward = org.polder.ledger.Money.centsOfEuros("reward", form.reward());
            if (file == null || file.isEmpty()) {
                throw DomainException.invalid("file: choose a CSV file with a header row and one row per task");
            }
            BatchSpec spec = new BatchSpec(form.name(), form.templateId(), reward,
                    form.assignmentsPerTask(), form.allottedMinutes() == null ? null : form.allottedMinutes() * 60,
                    form.expectedSeconds(), form.expiresInDays() == null ? null : clock.instant().plus(Duration.ofDays(form.expiresInDays())),
                    form.reviewWindowHours(), form.goldPercent(), form.goldAssignmentsPerTask(),
                    form.ruleMinGoldAccuracy() == null ? null
                            : new BatchSpec.QualityRule(form.ruleMinGoldAccuracy(), form.ruleMinGoldAnswers() == null ? 5 : form.ruleMinGoldAnswers()),
                    form.requiredQualificationId() == null ? List.of()
                            : List.of(new BatchSpec.Requirement(form.requiredQualificationId(),
                            form.requiredMinScore() == null ? 0 : form.requiredMinScore())),
                    form.grantsQualificationId() == null ? null
                            : new BatchSpec.Grant(form.grantsQualificationId(), form.grantsPassPercent() == null ? 80 : form.grantsPassPercent()),
                    form.overlapMax() == null ? null
                            : new BatchSpec.Overlap(form.overlapMax(), form.overlapConfidence() == null ? 90 : form.overlapConfidence()),
                    form.language() == null || form.language().isBlank() ? List.of() : List.of(form.language()),
                    form.region() == null || form.region().isBlank() ? List.of() : List.of(form.region()));
            for (ConstraintViolation<BatchSpec> v : validator.validate(spec)) {
                throw DomainException.invalid(v.getPropertyPath() + ": " + v.getMessage());
            }
            Batch batch = batches.create(user, spec, file.getBytes());
            redirect.addFlashAttribute("flash", text("batch.created"));
            return "redirect:/requester/batches/" + batch.id();
        } catch (DomainException e) {
            response.setStatus(e.status().value() == 404 ? 404 : 400);
            return batchForm(user, model, form, e);
        }
    }

    private String batchForm(CurrentUser user, Model model, BatchForm form, DomainException problem) {
        model.addAttribute("form", form);
        model.addAttribute("templates", templates.list(user));
        model.addAttribute("qualifications", qualifications.list(user));
        model.addAttribute("languageChoices", org.polder.account.WorkerProfile.COMMON_LANGUAGES);
        model.addAttribute("regionChoices", org.polder.account.WorkerProfile.REGIONS);
        model.addAttribute("floor", payFloor.hourlyCents());
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        if (problem != null) {
            model.addAttribute("problem", problem.properties());
            String field = formField(problem);
            if (field == null) {
                model.addAttribute("error", texts.of(problem));
            } else {
                fieldErrors.put(field, texts.of(problem));
            }
        }
        model.addAttribute("fieldErrors", fieldErrors);
        return "microtask/batch-new";
    }

    /** Which form field a problem is about, so that the message shows next to it. */
    private static String formField(DomainException problem) {
        if (problem instanceof org.polder.common.CsvProblem) {
            return "file";
        }
        String message = problem.getMessage();
        int colon = message.indexOf(':');
        String name = colon > 0 ? message.substring(0, colon) : "";
        return switch (name) {
            case "reward", "name", "templateId", "file", "assignmentsPerTask", "expectedSeconds", "reviewWindowHours", "goldPercent",
                 "goldAssignmentsPerTask" -> name;
            case "qualityRule.minGoldAccuracyPercent" -> "ruleMinGoldAccuracy";
            case "qualityRule.minGoldAnswers" -> "ruleMinGoldAnswers";
            case "allottedSeconds" -> "allottedMinutes";
            case "expiresAt" -> "expiresInDays";
            default -> null;
        };
    }

    @GetMapping("/batches/{id}")
    String batch(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("batch", batches.get(user, id));
        model.addAttribute("review", views.ofBatch(user, id, AssignmentState.SUBMITTED, page, 50));
        return "microtask/batch";
    }

    /** The live part of the dashboard, polled by htmx. */
    @GetMapping("/batches/{id}/progress")
    String progress(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
        model.addAttribute("batch", batches.get(user, id));
        return "microtask/batch :: progress";
    }

    @PostMapping("/batches/{id}/publish")
    String publish(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        return act(redirect, id, () -> batches.publish(user, id), "batch.published");
    }

    /** Live changes from the batch page: so many days more, so many more answers per task, a higher reward in euros. */
    @PostMapping("/batches/{id}/change")
    String change(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) Integer extraDays,
                  @RequestParam(required = false) Integer moreAnswers, @RequestParam(required = false) java.math.BigDecimal reward,
                  RedirectAttributes redirect) {
        return act(redirect, id, () -> {
            if (extraDays != null && (extraDays < 1 || extraDays > 90)) {
                throw DomainException.invalid("extraDays: from 1 to 90 days").code("problem.batch.extraDays");
            }
            java.time.Instant later = extraDays == null ? null : batches.get(user, id).expiresAt().plus(Duration.ofDays(extraDays));
            Long cents = reward == null ? null : org.polder.ledger.Money.centsOfEuros("reward", reward);
            batches.change(user, id, new Batches.Change(later, moreAnswers, cents));
        }, "batch.extended");
    }

    @PostMapping("/batches/{id}/resume")
    String resume(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        return act(redirect, id, () -> batches.resumeWithTopUp(user, id), "batch.resumed");
    }

    @PostMapping("/batches/{id}/cancel")
    String cancel(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        return act(redirect, id, () -> batches.cancel(user, id), "batch.cancelled");
    }

    @PostMapping("/assignments/{id}/approve")
    String approve(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam long batchId,
                   RedirectAttributes redirect) {
        return act(redirect, batchId, () -> reviews.approve(user, id), "review.approved");
    }

    @PostMapping("/assignments/{id}/reject")
    String reject(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam long batchId,
                  @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        return act(redirect, batchId, () -> reviews.reject(user, id, reason), "review.rejected");
    }

    @PostMapping("/batches/{id}/review")
    String bulk(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                @RequestParam(value = "ids", required = false) List<Long> ids, @RequestParam Reviews.Decision decision,
                @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        if (ids == null || ids.isEmpty()) {
            redirect.addFlashAttribute("error", text("review.noneChosen"));
            return "redirect:/requester/batches/" + id;
        }
        return act(redirect, id, () -> reviews.review(user, ids, decision, reason),
                decision == Reviews.Decision.APPROVE ? "review.approvedMany" : "review.rejectedMany");
    }

    @GetMapping("/batches/{id}/results.{format}")
    ResponseEntity<StreamingResponseBody> download(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                                   @PathVariable String format) {
        Results.Format f = Results.format(format);
        BatchRecord batch = results.check(user, id);
        return results.download(batch, f);
    }

    /** A task of the batch (a draft too) exactly as a worker will see it; nothing can be sent from here. */
    @GetMapping("/batches/{id}/preview")
    String previewTask(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(defaultValue = "1") int row, Model model) {
        Batch batch = batches.get(user, id);
        model.addAttribute("batch", batch);
        model.addAttribute("row", row);
        model.addAttribute("values", Map.of());
        try {
            model.addAttribute("task", batches.preview(user, id, row));
        } catch (DomainException e) {
            if (e.status().value() == 404) {
                throw e;
            }
            model.addAttribute("task", batches.preview(user, id, 1));
            model.addAttribute("row", 1);
            model.addAttribute("error", texts.of(e));
        }
        return "microtask/preview";
    }

    /** The aggregated answers on a page: rankings of compared items, merged boxes on their pictures, each task's answers. */
    @GetMapping("/batches/{id}/aggregated")
    String aggregatedPage(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) Method method,
                          @RequestParam(defaultValue = "false") boolean compare, Model model) {
        model.addAttribute("page", aggregation.page(user, id, method == null ? Method.DEFAULT : method, compare, 200));
        model.addAttribute("methods", Method.values());
        return "microtask/aggregated";
    }

    @GetMapping("/batches/{id}/aggregated.csv")
    ResponseEntity<String> aggregated(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                      @RequestParam(required = false) Method method) {
        return aggregation.csvDownload(aggregation.aggregate(user, id, method == null ? Method.DEFAULT : method));
    }

    private String act(RedirectAttributes redirect, long batchId, Runnable action, String doneKey) {
        try {
            action.run();
            redirect.addFlashAttribute("flash", text(doneKey));
        } catch (DomainException e) {
            if (e.status().value() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:/requester/batches/" + batchId;
    }

    private String text(String key) {
        return texts.get(key);
    }
}
