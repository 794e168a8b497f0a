package org.polder.voice;

import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Channels where workers talk among themselves (RIGHTS.md R11), which the platform cannot read
 * (R2). Participants' browsers encrypt every message (AES-GCM, 256-bit key made in the browser of
 * whoever opened the channel) and share the key only inside the invitation link's fragment, which
 * browsers never send to a server. Polder keeps the sealed boxes and their times, no sender and no
 * plaintext, and cannot analyse what it cannot read. A box is "iv.ciphertext", both base64url.
 */
@Service
public class Channels {

    /** base64url iv (12 bytes: 16 characters), a dot, base64url ciphertext. */
    static final Pattern BOX = Pattern.compile("[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]{24,19000}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;

    Channels(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A message as stored: sealed. */
    public record Box(long id, String box, Instant createdAt) {
    }

    /** A channel as stored: its id (unguessable, 128 bits) and its sealed name. */
    public record Channel(String id, String nameBox, Instant createdAt) {
    }

    /** Opens a channel; the name arrives sealed. */
    @Transactional
    public Channel open(CurrentUser worker, String nameBox) {
        worker.require(Role.WORKER).real();
        check("box", nameBox, 2000);
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO channel (id, name_box, created_at) VALUES (?, ?, ?)").params(id, nameBox, Sql.ts(now)).update();
        return new Channel(id, nameBox, now);
    }

    @Transactional(readOnly = true)
    public Channel get(CurrentUser worker, String id) {
        worker.require(Role.WORKER).real();
        return jdbc.sql("SELECT * FROM channel WHERE id = ?").param(id == null ? "" : id)
                .query((rs, n) -> new Channel(rs.getString("id"), rs.getString("name_box"), Sql.instant(rs, "created_at")))
                .optional().orElseThrow(() -> new NotFoundException("Channel", id));
    }

    /** Adds a sealed message. */
    @Transactional
    public Box post(CurrentUser worker, String channelId, String box) {
        get(worker, channelId);
        check("box", box, 20000);
        Instant now = clock.instant();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO channel_message (channel_id, box, created_at) VALUES (?, ?, ?)").params(channelId, box, Sql.ts(now))
                .update(key, "id");
        return new Box(key.getKey().longValue(), box, now);
    }

    /** Sealed messages after {@code after}, oldest first, at most 200. */
    @Transactional(readOnly = true)
    public List<Box> messages(CurrentUser worker, String channelId, long after) {
        get(worker, channelId);
        return jdbc.sql("SELECT * FROM channel_message WHERE channel_id = ? AND id > ? ORDER BY id LIMIT 200")
                .params(channelId, after)
                .query((rs, n) -> new Box(rs.getLong("id"), rs.getString("box"), Sql.instant(rs, "created_at"))).list();
    }

    private static void check(String field, String box, int max) {
        if (box == null || box.length() > max || !BOX.matcher(box).matches()) {
            throw DomainException.invalid(field + ": a sealed box (base64url iv, a dot, base64url ciphertext) of at most " + max
                    + " characters; Polder accepts only encrypted text here").code("problem.channel.box");
        }
    }
}
