package org.polder.ledger.web;

import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.Csv;
import org.polder.common.PdfPages;
import org.polder.common.Texts;
import org.polder.ledger.BalanceStatement;
import org.polder.ledger.EarningsStatement;
import org.polder.ledger.Statements;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Statements as pages, PDF and CSV, all three from one statement: a worker's earnings for a month or a year, and
 * an organisation's balance movements. The page and the PDF share one template; the CSV uses the same words.
 */
@Controller
class StatementController {

    private final Statements statements;
    private final Accounts accounts;
    private final PdfPages pdf;
    private final Texts texts;
    private final Clock clock;
    private final ZoneId zone;

    StatementController(Statements statements, Accounts accounts, PdfPages pdf, Texts texts, Clock clock,
                        @Value("${polder.display-zone:Europe/Amsterdam}") String zone) {
        this.statements = statements;
        this.accounts = accounts;
        this.pdf = pdf;
        this.texts = texts;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    @GetMapping("/me/statements")
    String earnings(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Integer year,
                    @RequestParam(required = false) Integer month, Model model) {
        user.require(Role.WORKER);
        int y = year == null ? thisYear() : year;
        Integer m = year == null && month == null ? Integer.valueOf(clock.instant().atZone(zone).getMonthValue()) : month;
        model.addAllAttributes(earningsPage(user, y, m));
        model.addAttribute("pdf", false);
        model.addAttribute("cssHref", "/css/invoice.css");
        model.addAttribute("pdfHref", "/me/statements.pdf?" + query(y, m));
        model.addAttribute("csvHref", "/me/statements.csv?" + query(y, m));
        return "ledger/statement";
    }

    @GetMapping("/me/statements.pdf")
    ResponseEntity<byte[]> earningsPdf(@AuthenticationPrincipal CurrentUser user, @RequestParam int year, @RequestParam(required = false) Integer month) {
        user.require(Role.WORKER);
        return pdf.download("ledger/statement", earningsPage(user, year, month), "earnings-" + name(year, month) + ".pdf");
    }

    @GetMapping("/me/statements.csv")
    ResponseEntity<byte[]> earningsCsv(@AuthenticationPrincipal CurrentUser user, @RequestParam int year, @RequestParam(required = false) Integer month) {
        user.require(Role.WORKER);
        return csv(earningsRows(statements.earnings(user, year, month)), "earnings-" + name(year, month) + ".csv");
    }

    @GetMapping("/requester/statements")
    String balance(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Integer year,
                   @RequestParam(required = false) Integer month, Model model) {
        user.require(Role.REQUESTER);
        int y = year == null ? thisYear() : year;
        Integer m = year == null && month == null ? Integer.valueOf(clock.instant().atZone(zone).getMonthValue()) : month;
        model.addAttribute("s", statements.balance(user, y, m));
        model.addAttribute("thisYear", thisYear());
        model.addAttribute("pdf", false);
        model.addAttribute("cssHref", "/css/invoice.css");
        model.addAttribute("pdfHref", "/requester/statements.pdf?" + query(y, m));
        model.addAttribute("csvHref", "/requester/statements.csv?" + query(y, m));
        return "ledger/balance-statement";
    }

    @GetMapping("/requester/statements.pdf")
    ResponseEntity<byte[]> balancePdf(@AuthenticationPrincipal CurrentUser user, @RequestParam int year, @RequestParam(required = false) Integer month) {
        user.require(Role.REQUESTER);
        Map<String, Object> page = new HashMap<>();
        page.put("s", statements.balance(user, year, month));
        page.put("thisYear", thisYear());
        return pdf.download("ledger/balance-statement", page, "balance-" + name(year, month) + ".pdf");
    }

    @GetMapping("/requester/statements.csv")
    ResponseEntity<byte[]> balanceCsv(@AuthenticationPrincipal CurrentUser user, @RequestParam int year, @RequestParam(required = false) Integer month) {
        user.require(Role.REQUESTER);
        BalanceStatement s = statements.balance(user, year, month);
        List<List<String>> rows = new java.util.ArrayList<>();
        rows.add(List.of(texts.get("statement.csv.when"), texts.get("earnings.what"), texts.get("statement.csv.details"), texts.get("statement.csv.amount")));
        rows.add(List.of(s.from().toString(), texts.get("statement.csv.opening"), "", euros(s.openingBalance())));
        for (BalanceStatement.Movement m : s.movements()) {
            rows.add(List.of(m.at().atZone(zone).toLocalDateTime().withNano(0).toString(), texts.get("posting." + m.kind()), m.description(), euros(m.cents())));
        }
        rows.add(List.of(s.to().toString(), texts.get("statement.csv.closing"), "", euros(s.closingBalance())));
        return csv(rows, "balance-" + name(year, month) + ".csv");
    }

    private Map<String, Object> earningsPage(CurrentUser user, int year, Integer month) {
        Map<String, Object> page = new HashMap<>();
        page.put("s", statements.earnings(user, year, month));
        page.put("details", accounts.accountDetails(user.id()));
        page.put("thisYear", thisYear());
        return page;
    }

    /** The statement's lines for a spreadsheet: section, what, amount in euros (a dot before the cents). */
    private List<List<String>> earningsRows(EarningsStatement s) {
        List<List<String>> rows = new java.util.ArrayList<>();
        rows.add(List.of(texts.get("statement.csv.section"), texts.get("earnings.what"), texts.get("statement.csv.amount")));
        String work = texts.get("statement.work");
        for (EarningsStatement.RequesterLine l : s.perRequester()) {
            rows.add(List.of(work, l.organisation() + " (" + texts.get("statement.kind." + l.kind()) + ")", euros(l.cents())));
        }
        for (EarningsStatement.Line l : s.perKind()) {
            rows.add(List.of(texts.get("statement.csv.perKind"), texts.get("statement.kind." + l.what()), euros(l.cents())));
        }
        for (EarningsStatement.Line l : s.other()) {
            rows.add(List.of(texts.get("statement.csv.other"), texts.get("posting." + l.what()), euros(l.cents())));
        }
        String money = texts.get("statement.money");
        rows.add(List.of(money, texts.get("statement.income"), euros(s.income())));
        rows.add(List.of(money, texts.get("statement.fees"), euros(s.feesDeducted())));
        rows.add(List.of(money, texts.get("statement.csv.opening"), euros(s.openingBalance())));
        rows.add(List.of(money, texts.get("posting.BANK_TRANSFER_IN"), euros(s.transfersIn())));
        rows.add(List.of(money, texts.get("statement.payouts"), euros(-s.payouts())));
        rows.add(List.of(money, texts.get("posting.PAYOUT_RETURNED"), euros(s.returned())));
        rows.add(List.of(money, texts.get("statement.csv.closing"), euros(s.closingBalance())));
        String hours = texts.get("statement.hours");
        rows.add(List.of(hours, texts.get("statement.activeHours"), BigDecimal.valueOf(s.activeSeconds()).divide(BigDecimal.valueOf(3600), 2,
                java.math.RoundingMode.HALF_UP).toPlainString()));
        rows.add(List.of(hours, texts.get("statement.perHour"), s.perActiveHour() == null ? "" : euros(s.perActiveHour())));
        return rows;
    }

    private static ResponseEntity<byte[]> csv(List<List<String>> rows, String filename) {
        StringWriter out = new StringWriter();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                // Amounts are plain numbers (a leading minus is no formula); every other cell is neutralised.
                String cell = row.get(i);
                out.write(i == row.size() - 1 && cell.matches("-?\\d+(\\.\\d+)?") ? cell : Csv.cell(cell));
            }
            out.write("\r\n");
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
                .body(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String euros(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    private int thisYear() {
        return clock.instant().atZone(zone).getYear();
    }

    private static String query(int year, Integer month) {
        return "year=" + year + (month == null ? "" : "&month=" + month);
    }

    private static String name(int year, Integer month) {
        return month == null ? Integer.toString(year) : year + "-" + (month < 10 ? "0" : "") + month;
    }
}
