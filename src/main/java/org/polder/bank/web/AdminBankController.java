package org.polder.bank.web;

import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.bank.BankAccount;
import org.polder.bank.BankAccounts;
import org.polder.bank.BankEntry;
import org.polder.bank.BankStatements;
import org.polder.bank.PayoutRuns;
import org.polder.bank.PlatformAccount;
import org.polder.bank.Reconciliation;
import org.polder.common.DomainException;
import org.polder.common.Texts;
import org.polder.ledger.Payout;
import org.polder.ledger.Payouts;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** The admin's bank page: import statements, deal with what did not match, make and send payout runs, verify accounts. */
@Controller
class AdminBankController {

    private final BankStatements statements;
    private final PayoutRuns runs;
    private final Payouts payouts;
    private final BankAccounts bankAccounts;
    private final Accounts accounts;
    private final PlatformAccount platform;
    private final Texts texts;
    private final Reconciliation reconciliation;

    AdminBankController(BankStatements statements, PayoutRuns runs, Payouts payouts, BankAccounts bankAccounts, Accounts accounts,
                        PlatformAccount platform, Texts texts, Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
        this.statements = statements;
        this.runs = runs;
        this.payouts = payouts;
        this.bankAccounts = bankAccounts;
        this.accounts = accounts;
        this.platform = platform;
        this.texts = texts;
    }

    @GetMapping("/admin/bank")
    String page(Model model) {
        List<Payout> waiting = payouts.pending();
        model.addAttribute("platform", platform);
        model.addAttribute("waiting", waiting.size());
        model.addAttribute("waitingSum", waiting.stream().mapToLong(Payout::amount).sum());
        model.addAttribute("runs", runs.recent(10));
        model.addAttribute("unmatched", statements.entries(BankEntry.Outcome.UNMATCHED, 100));
        model.addAttribute("recent", statements.entries(null, 20));
        model.addAttribute("organisations", accounts.organisations());
        model.addAttribute("unverified", bankAccounts.unverified(50));
        model.addAttribute("books", reconciliation.now());
        return "bank/admin";
    }

    @PostMapping("/admin/bank/statements")
    String importStatement(@AuthenticationPrincipal CurrentUser admin, @RequestParam(required = false) MultipartFile file,
                           RedirectAttributes redirect) {
        try {
            byte[] bytes = file == null ? new byte[0] : file.getBytes();
            BankStatements.ImportResult result = statements.importStatement(admin, bytes);
            String outcomes = result.outcomes().entrySet().stream()
                    .map(e -> e.getValue() + " × " + texts.get("bank.outcome." + e.getKey().name()))
                    .collect(Collectors.joining(", "));
            redirect.addFlashAttribute("flash", texts.get("bank.imported", result.newEntries(), result.alreadyImported(),
                    outcomes.isEmpty() ? "-" : outcomes));
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", texts.of(e));
        } catch (IOException e) {
            redirect.addFlashAttribute("error", texts.get("bank.unreadable"));
        }
        return "redirect:/admin/bank";
    }

    @PostMapping("/admin/bank/entries/{id}/assign")
    String assign(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id, @RequestParam(required = false) Long organisationId,
                  @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        return act(redirect, "bank.assigned", () -> {
            if (organisationId == null) {
                throw DomainException.invalid("organisationId: choose the organisation").code("problem.bank.organisation");
            }
            statements.assign(admin, id, organisationId, reason);
        });
    }

    @PostMapping("/admin/bank/entries/{id}/set-aside")
    String setAside(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id, @RequestParam(required = false) String reason,
                    RedirectAttributes redirect) {
        return act(redirect, "bank.setAside", () -> statements.setAside(admin, id, reason));
    }

    @PostMapping("/admin/payout-runs")
    String createRun(@AuthenticationPrincipal CurrentUser admin, RedirectAttributes redirect) {
        return act(redirect, "bank.run.created", () -> runs.create(admin));
    }

    @PostMapping("/admin/payout-runs/{id}/paid")
    String markPaid(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id, @RequestParam(required = false) String how,
                    RedirectAttributes redirect) {
        return act(redirect, "bank.run.markedPaid", () -> runs.markPaid(admin, id, how));
    }

    @PostMapping("/admin/payout-runs/{id}/cancel")
    String cancel(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id, RedirectAttributes redirect) {
        return act(redirect, "bank.run.cancelled", () -> runs.cancel(admin, id));
    }

    /** A form post, so that marking the run sent is never a side effect of a link followed by a browser or a crawler. */
    @PostMapping("/admin/payout-runs/{id}/file")
    ResponseEntity<byte[]> file(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id) {
        byte[] xml = runs.download(admin, id).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("polder-payout-run-" + id + ".xml").build().toString())
                .body(xml);
    }

    @PostMapping("/admin/bank-accounts/{owner}/{ownerId}/verify")
    String verify(@AuthenticationPrincipal CurrentUser admin, @PathVariable BankAccount.Owner owner, @PathVariable long ownerId,
                  @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        return act(redirect, "bank.verified", () -> bankAccounts.verifyByAdmin(admin, owner, ownerId, reason));
    }

    private String act(RedirectAttributes redirect, String done, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("flash", texts.get(done));
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:/admin/bank";
    }
}
