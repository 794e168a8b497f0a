package org.polder.errand;

import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.common.Words;
import org.polder.notify.Notice;
import org.polder.notify.NoticeKind;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Recurring rounds, as a pharmacy or a bakery has them ("every weekday at 7:00"): the stops of an errand file, each
 * with its time of day, booked again for every chosen weekday. A round is booked a day ahead, paid into escrow then,
 * and offered to couriers from half an hour before each stop's window, as any errand booked for later. A day that
 * cannot be booked (the balance is short) is told to the organisation and kept with the round; the next day is tried
 * anew. A round is booked once a day even when several nodes run the job at once.
 */
@Service
public class ErrandRounds {

    /** A round as its organisation sees it. */
    public record Round(long id, String name, Set<DayOfWeek> weekdays, List<ErrandImport.Stop> stops, Instant createdAt,
                        Instant stoppedAt, LocalDate bookedThrough, String lastProblem) {
    }

    private final JdbcClient jdbc;
    private final ErrandImport importer;
    private final Accounts accounts;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ZoneId zone;

    ErrandRounds(JdbcClient jdbc, ErrandImport importer, Accounts accounts, JsonMapper json, ApplicationEventPublisher events,
                 PlatformTransactionManager transactions, Clock clock, @Value("${polder.display-zone:Europe/Amsterdam}") String zone) {
        this.jdbc = jdbc;
        this.importer = importer;
        this.accounts = accounts;
        this.json = json;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    /**
     * A new round from a file whose every row has a time ('from') and no date, on the given weekdays. The file is checked
     * as an import is (addresses found once, now); the first day booked is the next chosen day from tomorrow on.
     */
    public Round create(CurrentUser requester, String name, Set<DayOfWeek> weekdays, byte[] csv, Locale locale) {
        long org = requester.require(Role.REQUESTER).organisation();
        String title = Errands.text("name", name, 1, 200);
        if (weekdays == null || weekdays.isEmpty()) {
            throw DomainException.invalid("weekdays: choose at least one day of the week").code("problem.round.weekdays");
        }
        List<ErrandImport.Stop> stops = importer.read(requester, csv, locale);
        for (ErrandImport.Stop s : stops) {
            if (s.date() != null) {
                throw ErrandImport.problemAt(s.row(), null, DomainException.invalid("date: a round has no date; it runs on its weekdays"));
            }
            if (s.from() == null) {
                throw ErrandImport.problemAt(s.row(), null, DomainException.invalid("windowStart: every stop of a round needs its time ('from')"));
            }
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        tx.executeWithoutResult(t -> jdbc.sql("""
                        INSERT INTO errand_round (organisation_id, name, weekdays, stops, created_by, created_at, booked_through)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(org, title, weekdays.stream().map(d -> String.valueOf(d.getValue())).sorted().collect(Collectors.joining(",")),
                        json.writeValueAsString(stops), requester.id(), Sql.ts(clock.instant()), LocalDate.now(clock.withZone(zone)))
                .update(key, "id"));
        return get(requester, key.getKey().longValue());
    }

    @Transactional(readOnly = true)
    public List<Round> list(CurrentUser requester) {
        return jdbc.sql("SELECT * FROM errand_round WHERE organisation_id = ? ORDER BY stopped_at NULLS FIRST, id DESC")
                .param(requester.require(Role.REQUESTER).organisation()).query((rs, n) -> map(rs)).list();
    }

    @Transactional(readOnly = true)
    public Round get(CurrentUser requester, long id) {
        return jdbc.sql("SELECT * FROM errand_round WHERE id = ? AND organisation_id = ?").params(id, requester.require(Role.REQUESTER).organisation())
                .query((rs, n) -> map(rs)).optional().orElseThrow(() -> new NotFoundException("Round", id));
    }

    /** Stops the round: nothing more is booked; errands already booked stay (cancel them one by one if need be). */
    @Transactional
    public Round stop(CurrentUser requester, long id) {
        get(requester, id);
        jdbc.sql("UPDATE errand_round SET stopped_at = COALESCE(stopped_at, ?) WHERE id = ?").params(Sql.ts(clock.instant()), id).update();
        return get(requester, id);
    }

    /** The job: books tomorrow's stops of every running round whose weekdays include tomorrow. Returns how many errands it booked. */
    public int bookDue() {
        LocalDate tomorrow = LocalDate.now(clock.withZone(zone)).plusDays(1);
        List<Long> due = jdbc.sql("SELECT id FROM errand_round WHERE stopped_at IS NULL AND (booked_through IS NULL OR booked_through < ?)")
                .param(tomorrow).query(Long.class).list();
        int booked = 0;
        for (long id : due) {
            booked += bookDay(id, tomorrow);
        }
        return booked;
    }

    /** One round's day, once: the row lock and the date make a second node find it done. */
    private int bookDay(long id, LocalDate day) {
        try {
            Integer n = tx.execute(t -> {
                Round r = jdbc.sql("SELECT * FROM errand_round WHERE id = ? FOR UPDATE").param(id).query((rs, i) -> map(rs)).single();
                if (r.stoppedAt() != null || r.bookedThrough() != null && !r.bookedThrough().isBefore(day)) {
                    return 0;
                }
                jdbc.sql("UPDATE errand_round SET booked_through = ?, last_problem = NULL WHERE id = ?").params(day, id).update();
                if (!r.weekdays().contains(day.getDayOfWeek())) {
                    return 0;
                }
                long creator = jdbc.sql("SELECT created_by FROM errand_round WHERE id = ?").param(id).query(Long.class).single();
                return importer.book(accounts.currentUser(creator), r.stops(), day).size();
            });
            return n == null ? 0 : n;
        } catch (DomainException | IllegalStateException e) {
            // Nothing of the day was booked; the day is marked tried, the organisation is told why.
            String why = e.getMessage().length() > 1000 ? e.getMessage().substring(0, 1000) : e.getMessage();
            tx.executeWithoutResult(t -> {
                jdbc.sql("UPDATE errand_round SET booked_through = ?, last_problem = ? WHERE id = ?").params(day, why, id).update();
                long org = jdbc.sql("SELECT organisation_id FROM errand_round WHERE id = ?").param(id).query(Long.class).single();
                events.publishEvent(Notice.toRequestersOf(org, NoticeKind.ERRAND, Words.of("notice.roundFailed", day.toString(), why),
                        "/requester/errands"));
            });
            return 0;
        }
    }

    private Round map(java.sql.ResultSet rs) throws java.sql.SQLException {
        Set<DayOfWeek> days = Arrays.stream(rs.getString("weekdays").split(",")).map(d -> DayOfWeek.of(Integer.parseInt(d)))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DayOfWeek.class)));
        return new Round(rs.getLong("id"), rs.getString("name"), days,
                json.readValue(rs.getString("stops"), new TypeReference<List<ErrandImport.Stop>>() { }),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "stopped_at"), rs.getObject("booked_through", LocalDate.class),
                rs.getString("last_problem"));
    }
}
