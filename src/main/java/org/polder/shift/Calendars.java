package org.polder.shift;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.Sql;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Each person's shifts as a private iCalendar feed (RFC 5545) that Google, Apple and Outlook calendars subscribe
 * to: a worker's places (a cancelled one stays, marked cancelled, so the calendar drops it), a requester's
 * organisation's shifts. The feed is made when it is asked for, so a changed shift shows at the next refresh.
 */
@Service
public class Calendars {

    /** How far back a feed reaches. */
    static final Duration PAST = Duration.ofDays(60);

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final MessageSource messages;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Calendars(JdbcClient jdbc, Accounts accounts, MessageSource messages, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.messages = messages;
        this.clock = clock;
    }

    /** The person's feed token, made on first use. */
    @Transactional
    public String token(CurrentUser me) {
        return jdbc.sql("SELECT token FROM calendar_feed WHERE account_id = ?").param(me.id()).query(String.class).optional()
                .orElseGet(() -> renew(me));
    }

    /** A new token: the old address stops working (for a link shared by mistake). */
    @Transactional
    public String renew(CurrentUser me) {
        String token = HexFormat.of().formatHex(bytes());
        if (jdbc.sql("UPDATE calendar_feed SET token = ?, created_at = ? WHERE account_id = ?").params(token, Sql.ts(clock.instant()), me.id()).update() == 0) {
            jdbc.sql("INSERT INTO calendar_feed (account_id, token, created_at) VALUES (?, ?, ?)").params(me.id(), token, Sql.ts(clock.instant())).update();
        }
        return token;
    }

    /** The feed of whoever holds this token, in their language; empty for an unknown token. */
    @Transactional(readOnly = true)
    public Optional<String> feed(String token) {
        if (token == null || !token.matches("[0-9a-f]{48}")) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT account_id FROM calendar_feed WHERE token = ?").param(token).query(Long.class).optional()
                .map(accounts::currentUser).map(this::feedOf);
    }

    private String feedOf(CurrentUser who) {
        Locale locale = Locale.forLanguageTag(who.language());
        Instant since = clock.instant().minus(PAST);
        boolean requester = who.has(Role.REQUESTER) && who.organisationId() != null;
        List<Shift> shifts = requester
                ? jdbc.sql(Shifts.SELECT + " WHERE s.organisation_id = ? AND s.ends_at > ? ORDER BY s.starts_at LIMIT 2000")
                        .params(who.organisationId(), Sql.ts(since)).query((rs, n) -> Shifts.map(rs)).list()
                : jdbc.sql(Shifts.SELECT + """
                         \n JOIN shift_application a ON a.shift_id = s.id
                         WHERE a.worker_id = ? AND a.assignment_id IS NOT NULL AND a.state IN ('SELECTED', 'CANCELLED') AND s.ends_at > ?
                         ORDER BY s.starts_at LIMIT 2000""").params(who.id(), Sql.ts(since)).query((rs, n) -> Shifts.map(rs)).list();
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Polder//Shifts//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(ImmutableMethod.PUBLISH);
        calendar.add(new XProperty("X-WR-CALNAME", text("calendar.name", locale)));
        Instant now = clock.instant();
        for (Shift s : shifts) {
            String summary = requester ? text("calendar.summary.requester", locale, s.role(), s.headcount() - s.openSlots(), s.headcount())
                    : text("calendar.summary.worker", locale, s.role(), s.organisation());
            VEvent event = new VEvent(s.startsAt(), s.endsAt(), summary);
            event.add(new Uid("shift-" + s.id() + (requester ? "" : "-worker-" + who.id()) + "@polder"));
            event.add(new DtStamp(now));
            event.add(new LastModified(now));
            event.add(new Location(s.location() + ", " + s.address()));
            event.add(new Description(text(requester ? "calendar.description.requester" : "calendar.description", locale, s.breakMinutes())));
            event.add(s.state() == Shift.State.CANCELLED ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);
            calendar.add(event);
        }
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private byte[] bytes() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return b;
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
