package org.polder.ledger.web;

import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.Texts;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.ledger.PendingEarnings;
import org.polder.ledger.Payout;
import org.polder.ledger.PayPerActiveHour;
import org.polder.ledger.Payouts;
import org.polder.work.PayFloor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The worker's earnings page (with charts and payouts) and the requester's balance page. */
@Controller
class EarningsController {

    static final int DAYS = 30;

    private final Ledger ledger;
    private final Payouts payouts;
    private final List<PendingEarnings> pending;
    private final Clock clock;
    private final ZoneId zone;
    private final PayFloor floor;
    private final PayPerActiveHour payPerActiveHour;
    private final Texts texts;

    EarningsController(Ledger ledger, Payouts payouts, List<PendingEarnings> pending, Clock clock,
                       @Value("${polder.display-zone:Europe/Amsterdam}") String zone, PayFloor floor,
                       PayPerActiveHour payPerActiveHour, Texts texts) {
        this.payPerActiveHour = payPerActiveHour;
        this.ledger = ledger;
        this.payouts = payouts;
        this.pending = pending;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
        this.floor = floor;
        this.texts = texts;
    }

    @GetMapping("/me/earnings")
    String earnings(@AuthenticationPrincipal CurrentUser user,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Model model) {
        long id = user.require(Role.WORKER).id();
        LedgerAccount account = LedgerAccount.worker(id);
        List<Payout> mine = payouts.ofWorker(id);
        model.addAttribute("balance", ledger.balance(account));
        model.addAttribute("earned", ledger.totalCredited(account));
        model.addAttribute("pending", pending.stream().mapToLong(p -> p.pendingFor(id)).sum());
        model.addAttribute("requested", mine.stream().filter(p -> p.state() == Payout.State.REQUESTED).mapToLong(Payout::amount).sum());
        model.addAttribute("payouts", mine);
        model.addAttribute("postings", ledger.postings(account, 0, 20).items());

        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        LocalDate first = today.minusDays(DAYS - 1);
        PayPerActiveHour.Period recent = payPerActiveHour.of(id, first, today.plusDays(1), zone);
        Map<LocalDate, Long> perDay = new TreeMap<>();
        Map<LocalDate, Long> perHour = new TreeMap<>();
        for (PayPerActiveHour.Day d : recent.days()) {
            perDay.put(d.date(), d.earnedCents());
            if (d.activeSeconds() > 0) {
                perHour.put(d.date(), d.earnedCents() * 3600 / d.activeSeconds());
            }
        }
        long hourlyFloor = floor.hourlyCents();
        model.addAttribute("perDay", EarningsChart.of(first, DAYS, perDay, null));
        model.addAttribute("perHour", EarningsChart.of(first, DAYS, perHour, hourlyFloor));
        model.addAttribute("activeSeconds", recent.activeSeconds());
        model.addAttribute("payPerHour", recent.perActiveHourCents());
        model.addAttribute("floor", hourlyFloor);
        // Any period the worker chooses.
        LocalDate periodFrom = from == null ? first : from;
        LocalDate periodTo = to == null ? today : to;
        if (periodTo.isBefore(periodFrom) || periodFrom.plusYears(5).isBefore(periodTo)) {
            model.addAttribute("error", texts.get("problem.period"));
        } else {
            model.addAttribute("period", payPerActiveHour.of(id, periodFrom, periodTo.plusDays(1), zone));
        }
        model.addAttribute("periodFrom", periodFrom);
        model.addAttribute("periodTo", periodTo);
        return "ledger/earnings";
    }

    @PostMapping("/me/payouts")
    String requestPayout(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) BigDecimal amount,
                         RedirectAttributes redirect) {
        long id = user.require(Role.WORKER).id();
        try {
            payouts.request(id, org.polder.ledger.Money.centsOfEuros("amount", amount));
            redirect.addFlashAttribute("flash", text("payout.requested"));
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:/me/earnings";
    }

    @GetMapping("/requester/balance")
    String balance(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "0") int page, Model model) {
        long org = user.organisation();
        model.addAttribute("balance", ledger.balance(LedgerAccount.organisation(org)));
        model.addAttribute("postings", ledger.postings(LedgerAccount.organisation(org), page, 50));
        return "ledger/balance";
    }

    private String text(String key) {
        return texts.get(key);
    }
}
