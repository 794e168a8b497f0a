package org.polder.microtask.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.polder.account.AccountStanding;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.Texts;
import org.polder.microtask.AnswerField;
import org.polder.microtask.AnswerFiles;
import org.polder.microtask.AssignmentViews;
import org.polder.microtask.AvailableBatch;
import org.polder.microtask.Batches;
import org.polder.microtask.Claiming;
import org.polder.microtask.Submissions;
import org.polder.microtask.WorkerAssignment;
import org.polder.microtask.WorkerQuality;
import org.polder.quality.Qualifications;
import org.polder.work.AssignmentState;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.beans.factory.annotation.Value;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The worker's pages: the feed of work, doing a task (with "submit and next"), and my work. */
@Controller
@RequestMapping
class WorkController {

    private final Batches batches;
    private final Claiming claiming;
    private final Submissions submissions;
    private final AssignmentViews views;
    private final WorkerQuality workerQuality;
    private final Qualifications qualifications;
    private final AccountStanding standing;
    private final Texts texts;
    /** Tasks the page claims ahead of the one shown, so that "submit and next" rarely waits for a claim. */
    private final int tasksAhead;
    private final AnswerFiles files;

    WorkController(Batches batches, Claiming claiming, Submissions submissions, AssignmentViews views, WorkerQuality workerQuality,
                   Qualifications qualifications, AccountStanding standing, Texts texts,
                   @Value("${polder.microtask.tasks-ahead:2}") int tasksAhead, AnswerFiles files) {
        this.tasksAhead = tasksAhead;
        this.files = files;
        this.standing = standing;
        this.batches = batches;
        this.claiming = claiming;
        this.submissions = submissions;
        this.views = views;
        this.workerQuality = workerQuality;
        this.qualifications = qualifications;
        this.texts = texts;
    }

    @GetMapping("/work")
    String feed(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "pay") String sort,
                @RequestParam(required = false) Double minPay, @RequestParam(required = false) String q, Model model) {
        List<AvailableBatch> feed = batches.available(user).stream()
                .filter(b -> minPay == null || b.expectedPayPerHour().cents() >= Math.round(minPay * 100))
                .filter(b -> q == null || q.isBlank() || (b.name() + " " + b.title() + " " + b.requester()).toLowerCase().contains(q.toLowerCase()))
                .sorted(switch (sort) {
                    case "reward" -> Comparator.comparingLong((AvailableBatch b) -> b.reward().cents()).reversed();
                    case "left" -> Comparator.comparingLong(AvailableBatch::tasksLeft).reversed();
                    case "time" -> Comparator.comparingInt(AvailableBatch::expectedSeconds);
                    default -> Comparator.comparingLong((AvailableBatch b) -> b.expectedPayPerHour().cents()).reversed();
                })
                .toList();
        model.addAttribute("feed", feed);
        model.addAttribute("hiddenByProfile", batches.hiddenByProfile(user));
        model.addAttribute("suspension", standing.suspension(user.id()).orElse(null));
        model.addAttribute("sort", sort);
        model.addAttribute("minPay", minPay);
        model.addAttribute("q", q);
        return "microtask/feed";
    }

    @PostMapping("/work/batches/{batchId}/claim")
    String claim(@AuthenticationPrincipal CurrentUser user, @PathVariable long batchId, RedirectAttributes redirect) {
        try {
            List<WorkerAssignment> claimed = claiming.claimWithAhead(user, batchId, tasksAhead);
            if (!claimed.isEmpty()) {
                return "redirect:/work/assignments/" + claimed.get(0).id();
            }
            redirect.addFlashAttribute("flash", text("work.nothingLeft"));
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:/work";
    }

    @GetMapping("/work/assignments/{id}")
    String task(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
        show(user, views.forWorker(user, id), model);
        model.addAttribute("values", Map.of());
        return "microtask/task";
    }

    /** The task, and how many more tasks of its batch the worker holds (claimed ahead, each with its own deadline). */
    private void show(CurrentUser user, WorkerAssignment a, Model model) {
        model.addAttribute("a", a);
        if (a.task().asksForFile()) {
            Map<String, AnswerFiles.Attached> uploaded = new LinkedHashMap<>();
            a.task().fields().stream().filter(f -> f.type() == AnswerField.Type.FILE)
                    .forEach(f -> files.uploaded(a.id(), f.name()).ifPresent(file -> uploaded.put(f.name(), file)));
            model.addAttribute("uploaded", uploaded);
        }
        model.addAttribute("ahead", a.state() == AssignmentState.STARTED
                ? views.heldIn(user, a.batchId()).stream().filter(id -> id != a.id()).count() : 0L);
    }

    /**
     * Hands in the answers. With {@code next=true} (the "submit and next" button, sent by htmx) the
     * next task of the same batch is claimed and its page fragment returned in place.
     */
    @PostMapping("/work/assignments/{id}/submit")
    String submit(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, HttpServletRequest request,
                  @RequestParam(defaultValue = "false") boolean next, @RequestHeader(value = "HX-Request", required = false) String htmx,
                  HttpServletResponse response, Model model, RedirectAttributes redirect) {
        WorkerAssignment a = views.forWorker(user, id);
        Map<String, Object> answers = answers(a.task().fields(), request);
        boolean fragment = "true".equals(htmx);
        boolean wasGold;
        try {
            attachFiles(user, a, request, answers);
            wasGold = submissions.submit(user, id, answers);
        } catch (DomainException e) {
            show(user, a, model);
            model.addAttribute("values", answers);
            model.addAttribute("fieldErrors", fieldError(e, texts.of(e)));
            response.setStatus(fragment ? 200 : 400);
            return fragment ? "microtask/task :: task" : "microtask/task";
        }
        // Only a control question has something to show about the answer just given.
        WorkerAssignment.Gold gold = wasGold ? views.forWorker(user, id).gold() : null;
        String goldNote = gold == null ? null : text(gold.correct() ? "gold.correct" : "gold.wrong")
                + (gold.explanation() == null ? "" : " " + gold.explanation());
        if (goldNote != null) {
            model.addAttribute("gold", goldNote);
            redirect.addFlashAttribute("gold", goldNote);
        }
        if (next) {
            // The next task already held (claimed ahead), or else the next few claimed now.
            Optional<Long> following = views.heldIn(user, a.batchId()).stream().findFirst().or(() -> claimNext(user, a.batchId()));
            if (following.isPresent()) {
                if (fragment) {
                    response.setHeader("HX-Push-Url", "/work/assignments/" + following.get());
                    show(user, views.forWorker(user, following.get()), model);
                    model.addAttribute("values", Map.of());
                    model.addAttribute("flash", text("work.submittedNext"));
                    return "microtask/task :: task";
                }
                redirect.addFlashAttribute("flash", text("work.submittedNext"));
                return "redirect:/work/assignments/" + following.get();
            }
            redirect.addFlashAttribute("flash", text("work.submittedBatchDone"));
            if (fragment) {
                response.setHeader("HX-Redirect", "/work");
                return "microtask/task :: task";
            }
            return "redirect:/work";
        }
        redirect.addFlashAttribute("flash", text("work.submitted"));
        return "redirect:/me/work";
    }

    @PostMapping("/work/assignments/{id}/release")
    String release(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        try {
            claiming.release(user, id);
            redirect.addFlashAttribute("flash", text("work.released"));
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:/work";
    }

    @GetMapping("/me/quality")
    String quality(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("batches", workerQuality.of(user));
        model.addAttribute("held", qualifications.heldBy(user.id()));
        return "microtask/quality";
    }

    @GetMapping("/me/work")
    String mine(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) AssignmentState state,
                @RequestParam(defaultValue = "0") int page, Model model) {
        user.require(Role.WORKER);
        model.addAttribute("page", views.mine(user, state, page, 25));
        model.addAttribute("state", state);
        model.addAttribute("states", List.of(AssignmentState.STARTED, AssignmentState.SUBMITTED, AssignmentState.PAID,
                AssignmentState.REJECTED, AssignmentState.RELEASED, AssignmentState.EXPIRED));
        return "microtask/mine";
    }

    private Optional<Long> claimNext(CurrentUser user, long batchId) {
        try {
            return claiming.claimWithAhead(user, batchId, tasksAhead).stream().findFirst().map(WorkerAssignment::id);
        } catch (DomainException e) {
            return Optional.empty();
        }
    }

    /** The worker stops with a batch: the task shown and every task of the batch held ahead go back on offer. */
    @PostMapping("/work/batches/{batchId}/release")
    String releaseAll(@AuthenticationPrincipal CurrentUser user, @PathVariable long batchId, RedirectAttributes redirect) {
        int released = 0;
        for (long id : views.heldIn(user, batchId)) {
            try {
                claiming.release(user, id);
                released++;
            } catch (DomainException alreadyEnded) {
                // handed in or expired meanwhile (another tab): nothing to give back
            }
        }
        redirect.addFlashAttribute("flash", texts.get("work.releasedAll", released));
        return "redirect:/work";
    }

    /**
     * Files chosen in the form are uploaded first (each replaces the one kept for its question); a question whose
     * file was uploaded before (the page shown again after a problem) keeps that file.
     */
    private void attachFiles(CurrentUser user, WorkerAssignment a, HttpServletRequest request, Map<String, Object> answers) {
        if (!a.task().asksForFile()) {
            return;
        }
        for (AnswerField f : a.task().fields()) {
            if (f.type() != AnswerField.Type.FILE) {
                continue;
            }
            org.springframework.web.multipart.MultipartFile chosen = request instanceof org.springframework.web.multipart.MultipartHttpServletRequest m
                    ? m.getFile("file." + f.name()) : null;
            if (chosen != null && !chosen.isEmpty()) {
                try {
                    answers.put(f.name(), files.attach(user, a.id(), f.name(), chosen.getOriginalFilename(), chosen.getBytes()).id());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            } else {
                files.uploaded(a.id(), f.name()).ifPresent(file -> answers.put(f.name(), file.id()));
            }
        }
    }

    /** Form values as answers: lists for multiple choice, text for the rest; empty values are left out. */
    static Map<String, Object> answers(List<AnswerField> fields, HttpServletRequest request) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (AnswerField f : fields) {
            String[] values = request.getParameterValues("answer." + f.name());
            if (values == null) {
                continue;
            }
            if (f.type() == AnswerField.Type.MULTIPLE_CHOICE) {
                answers.put(f.name(), Arrays.stream(values).filter(v -> !v.isEmpty()).toList());
            } else if (!values[0].isEmpty()) {
                answers.put(f.name(), values[0]);
            }
        }
        return answers;
    }

    /** The problem's text under the name of the field it is about, so that it shows next to that field. */
    static Map<String, String> fieldError(DomainException e, String text) {
        Object field = e.properties().get("field");
        return Map.of(field == null ? "_" : field.toString(), text);
    }

    private String text(String key) {
        return texts.get(key);
    }
}
