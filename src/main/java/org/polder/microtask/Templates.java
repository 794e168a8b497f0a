package org.polder.microtask;

import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.microtask.internal.TaskRenderer;
import org.polder.microtask.internal.TemplateRules;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Task templates of an organisation. Batches keep their own copy, so editing a template never changes running work. */
@Service
public class Templates {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    Templates(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public Template create(CurrentUser user, TemplateSpec spec) {
        long org = user.organisation();
        TemplateRules.check(spec);
        Instant now = clock.instant();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO template (organisation_id, title, description, instructions, display, fields, created_at, updated_at, version)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)""")
                .params(org, spec.title(), spec.description(), spec.instructions(), json.writeValueAsString(spec.display()),
                        json.writeValueAsString(spec.fields()), Sql.ts(now), Sql.ts(now))
                .update(key, "id");
        return get(user, key.getKey().longValue());
    }

    /** Changes a template if nobody else changed it since {@code expectedVersion}. */
    @Transactional
    public Template update(CurrentUser user, long id, TemplateSpec spec, int expectedVersion) {
        get(user, id);
        TemplateRules.check(spec);
        int updated = jdbc.sql("""
                        UPDATE template SET title = ?, description = ?, instructions = ?, display = ?, fields = ?, updated_at = ?,
                               version = version + 1
                        WHERE id = ? AND version = ?""")
                .params(spec.title(), spec.description(), spec.instructions(), json.writeValueAsString(spec.display()),
                        json.writeValueAsString(spec.fields()), Sql.ts(clock.instant()), id, expectedVersion)
                .update();
        if (updated == 0) {
            throw DomainException.conflict("Template " + id + " was changed by someone else since version "
                    + expectedVersion + "; reload it and apply your change again");
        }
        return get(user, id);
    }

    @Transactional(readOnly = true)
    public Template get(CurrentUser user, long id) {
        long org = user.organisation();
        return jdbc.sql("SELECT * FROM template WHERE id = ? AND organisation_id = ?").params(id, org)
                .query(this::map).optional().orElseThrow(() -> new NotFoundException("Template", id));
    }

    @Transactional(readOnly = true)
    public List<Template> list(CurrentUser user) {
        return jdbc.sql("SELECT * FROM template WHERE organisation_id = ? ORDER BY updated_at DESC, id DESC")
                .param(user.organisation()).query(this::map).list();
    }

    /** How a worker would see a task made from this template with the given row. */
    public RenderedTask preview(TemplateSpec spec, Map<String, String> row) {
        TemplateRules.check(spec);
        return TaskRenderer.render(spec, row == null ? Map.of() : row);
    }

    private Template map(ResultSet rs, int n) throws SQLException {
        return new Template(rs.getLong("id"), rs.getLong("organisation_id"), rs.getString("title"), rs.getString("description"),
                rs.getString("instructions"), json.readValue(rs.getString("display"), new TypeReference<List<DisplayBlock>>() {
        }), json.readValue(rs.getString("fields"), new TypeReference<List<AnswerField>>() {
        }), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"), rs.getInt("version"));
    }
}
