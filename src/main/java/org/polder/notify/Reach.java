package org.polder.notify;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.common.Hashing;
import org.polder.notify.internal.Mailer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How Polder reaches a person besides the notification centre: by e-mail and by push to their devices, per kind
 * of notice. The e-mail address is confirmed through a link mailed to it before any notice goes there; each mail
 * carries a link that stops its kind of notice without logging in.
 */
@Service
public class Reach {

    static final String MAIL = "MAIL";
    static final String PUSH = "PUSH";

    private final JdbcClient jdbc;
    private final Mailer sender;
    private final Clock clock;
    private final org.springframework.context.MessageSource messages;
    private final java.time.ZoneId zone;
    private final SecureRandom random = new SecureRandom();

    Reach(JdbcClient jdbc, Mailer sender, Clock clock, org.springframework.context.MessageSource messages,
          @org.springframework.beans.factory.annotation.Value("${polder.display-zone:Europe/Amsterdam}") String zone) {
        this.jdbc = jdbc;
        this.sender = sender;
        this.clock = clock;
        this.messages = messages;
        this.zone = java.time.ZoneId.of(zone);
    }

    /**
     * Mails a worker's alarm to a safety contact who has no account, at the address the worker gave; false when this
     * platform sends no mail or the mail could not go (the moderators are told either way).
     */
    public boolean mailAlarm(String to, String name, String worker, String language, org.polder.common.Words words) {
        if (!sender.enabled()) {
            return false;
        }
        try {
            sender.sendAlarm(to, name, worker, language, words.in(messages, java.util.Locale.forLanguageTag(language), zone));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether this platform sends mail at all (an SMTP server is configured). */
    public boolean mailEnabled() {
        return sender.enabled();
    }

    @Transactional(readOnly = true)
    public Choices choices(long accountId) {
        record Address(String email, Instant confirmedAt) {
        }
        Optional<Address> address = jdbc.sql("SELECT email, confirmed_at FROM notify_address WHERE account_id = ?")
                .param(accountId).query((rs, n) -> new Address(rs.getString(1), org.polder.common.Sql.instant(rs, "confirmed_at"))).optional();
        record Quiet(Integer from, Integer until) {
        }
        Quiet quiet = jdbc.sql("SELECT quiet_from, quiet_until FROM notify_quiet WHERE account_id = ?").param(accountId)
                .query((rs, n) -> new Quiet(rs.getInt(1), rs.getInt(2))).optional().orElse(new Quiet(null, null));
        Map<String, Boolean> chosen = new java.util.HashMap<>();
        jdbc.sql("SELECT channel, kind, wanted FROM notify_choice WHERE account_id = ?").param(accountId)
                .query((rs, n) -> chosen.put(rs.getString(1) + ":" + rs.getString(2), rs.getBoolean(3))).list();
        Set<NoticeKind> byMail = EnumSet.noneOf(NoticeKind.class);
        Set<NoticeKind> byPush = EnumSet.noneOf(NoticeKind.class);
        for (NoticeKind k : NoticeKind.values()) {
            if (chosen.getOrDefault(MAIL + ":" + k.name(), k.byMailByDefault())) {
                byMail.add(k);
            }
            if (chosen.getOrDefault(PUSH + ":" + k.name(), k.byPushByDefault())) {
                byPush.add(k);
            }
        }
        int devices = jdbc.sql("SELECT COUNT(*) FROM push_subscription WHERE account_id = ?").param(accountId).query(Integer.class).single();
        return new Choices(address.map(Address::email).orElse(null), address.map(a -> a.confirmedAt() != null).orElse(false),
                byMail, byPush, devices, quiet.from(), quiet.until());
    }

    /**
     * Sets the person's address (or removes it, when blank) and mails a link to confirm it; until then no notice
     * goes there. Refuses an address that is not one, naming the field.
     */
    @Transactional
    public void setAddress(CurrentUser me, String email) {
        if (email == null || email.isBlank()) {
            jdbc.sql("DELETE FROM notify_address WHERE account_id = ?").param(me.id()).update();
            return;
        }
        String address = email.strip();
        try {
            new InternetAddress(address, true).validate();
            if (address.length() > 254 || !address.contains("@")) {
                throw new AddressException(address);
            }
        } catch (AddressException e) {
            throw DomainException.invalid("email: an e-mail address such as name@example.org").code("problem.mail.address");
        }
        if (!sender.enabled()) {
            throw DomainException.conflict("This platform sends no e-mail (no mail server is configured)").code("problem.mail.off");
        }
        String confirm = token();
        int changed = jdbc.sql("UPDATE notify_address SET email = ?, confirm_hash = ?, confirmed_at = NULL WHERE account_id = ?")
                .params(address, Hashing.sha256(confirm), me.id()).update();
        if (changed == 0) {
            jdbc.sql("INSERT INTO notify_address (account_id, email, confirm_hash, unsubscribe_token) VALUES (?, ?, ?, ?)")
                    .params(me.id(), address, Hashing.sha256(confirm), token()).update();
        }
        try {
            sender.sendConfirmation(address, me.displayName(), me.language(), confirm);
        } catch (org.springframework.mail.MailException e) {
            // Nothing is kept: the address is saved only with its confirmation mail sent.
            throw new DomainException(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE, "Mail not sent",
                    "email: the confirmation mail could not be sent now; try again later").code("problem.mail.send");
        }
    }

    /** The link in the confirmation mail: the address is now used. False for an unknown or used token. */
    @Transactional
    public boolean confirm(String token) {
        if (token == null || token.isBlank()) {
            return false;
        }
        return jdbc.sql("UPDATE notify_address SET confirmed_at = ?, confirm_hash = NULL WHERE confirm_hash = ?")
                .params(org.polder.common.Sql.ts(clock.instant()), Hashing.sha256(token)).update() == 1;
    }

    /** The kinds that come by mail and by push (all others do not), and quiet hours (both or neither, hours 0 to 23). */
    @Transactional
    public void choose(CurrentUser me, Set<NoticeKind> byMail, Set<NoticeKind> byPush, Integer quietFrom, Integer quietUntil) {
        if ((quietFrom == null) != (quietUntil == null) || outside(quietFrom) || outside(quietUntil)) {
            throw DomainException.invalid("quietFrom, quietUntil: both or neither, each an hour from 0 to 23").code("problem.mail.quiet");
        }
        jdbc.sql("DELETE FROM notify_choice WHERE account_id = ?").param(me.id()).update();
        for (NoticeKind k : NoticeKind.values()) {
            jdbc.sql("INSERT INTO notify_choice (account_id, kind, channel, wanted) VALUES (?, ?, ?, ?)")
                    .params(me.id(), k.name(), MAIL, byMail.contains(k)).update();
            jdbc.sql("INSERT INTO notify_choice (account_id, kind, channel, wanted) VALUES (?, ?, ?, ?)")
                    .params(me.id(), k.name(), PUSH, byPush.contains(k)).update();
        }
        jdbc.sql("DELETE FROM notify_quiet WHERE account_id = ?").param(me.id()).update();
        if (quietFrom != null && !quietFrom.equals(quietUntil)) {
            jdbc.sql("INSERT INTO notify_quiet (account_id, quiet_from, quiet_until) VALUES (?, ?, ?)").params(me.id(), quietFrom, quietUntil).update();
        }
    }

    /**
     * A mail's one-click link: no more mail of this kind to the person whose token it is. Empty for an unknown
     * token; repeating it changes nothing.
     */
    @Transactional
    public Optional<Long> unsubscribe(String token, NoticeKind kind) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        Optional<Long> account = jdbc.sql("SELECT account_id FROM notify_address WHERE unsubscribe_token = ?").param(token)
                .query(Long.class).optional();
        account.ifPresent(id -> {
            jdbc.sql("DELETE FROM notify_choice WHERE account_id = ? AND kind = ? AND channel = ?").params(id, kind.name(), MAIL).update();
            jdbc.sql("INSERT INTO notify_choice (account_id, kind, channel, wanted) VALUES (?, ?, ?, FALSE)").params(id, kind.name(), MAIL).update();
        });
        return account;
    }

    private static boolean outside(Integer hour) {
        return hour != null && (hour < 0 || hour > 23);
    }

    private String token() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
