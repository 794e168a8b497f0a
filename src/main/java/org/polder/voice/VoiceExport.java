package org.polder.voice;

import org.polder.account.CurrentUser;
import org.polder.common.Sql;
import org.polder.export.ExportPart;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A worker's collective voice in their export: what they said in consultations, where they stood as a
 * candidate, and which elections they voted in. Whom they voted for is not kept, so it is not there;
 * channel messages are sealed without a sender, so nothing in them is theirs to Polder.
 */
@Component
class VoiceExport implements ExportPart {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    VoiceExport(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
    }

    @Override
    public List<File> filesFor(CurrentUser worker) {
        long id = worker.id();
        List<Map<String, Object>> comments = jdbc.sql("""
                        SELECT c.consultation_id, k.parameter, k.old_value, k.new_value, c.representative, c.body, c.created_at
                        FROM consultation_comment c JOIN consultation k ON k.id = c.consultation_id
                        WHERE c.author_id = ? ORDER BY c.id""")
                .param(id).query((rs, n) -> row("consultationId", rs.getLong("consultation_id"), "parameter", rs.getString("parameter"),
                        "from", rs.getString("old_value"), "to", rs.getString("new_value"), "asRepresentative", rs.getBoolean("representative"),
                        "comment", rs.getString("body"), "at", Sql.instant(rs, "created_at").toString()))
                .list();
        List<Map<String, Object>> candidacies = jdbc.sql("""
                        SELECT e.id, e.title, c.statement, c.created_at FROM election_candidate c JOIN election e ON e.id = c.election_id
                        WHERE c.worker_id = ? ORDER BY c.id""")
                .param(id).query((rs, n) -> row("electionId", rs.getLong("id"), "election", rs.getString("title"),
                        "statement", rs.getString("statement"), "at", Sql.instant(rs, "created_at").toString()))
                .list();
        List<Map<String, Object>> votedIn = jdbc.sql("""
                        SELECT e.id, e.title FROM election_voter v JOIN election e ON e.id = v.election_id
                        WHERE v.voter_id = ? ORDER BY e.id""")
                .param(id).query((rs, n) -> row("electionId", rs.getLong("id"), "election", rs.getString("title")))
                .list();
        List<Map<String, Object>> votedOn = jdbc.sql("""
                        SELECT k.id, k.parameter, k.old_value, k.new_value FROM consultation_voter v JOIN consultation k ON k.id = v.consultation_id
                        WHERE v.voter_id = ? ORDER BY k.id""")
                .param(id).query((rs, n) -> row("consultationId", rs.getLong(1), "parameter", rs.getString(2), "from", rs.getString(3),
                        "to", rs.getString(4)))
                .list();
        List<Map<String, Object>> unions = jdbc.sql("""
                        SELECT u.name, m.mandate, m.consent, m.changed_at FROM union_mandate m JOIN workers_union u ON u.id = m.union_id
                        WHERE m.worker_id = ? ORDER BY u.name""")
                .param(id).query((rs, n) -> row("union", rs.getString(1), "mandate", rs.getBoolean(2), "consentToSeeYourRecord", rs.getBoolean(3),
                        "since", Sql.instant(rs, "changed_at").toString()))
                .list();
        Map<String, Object> voice = row(
                "about", "Your comments on proposed rule changes, your candidacies, the elections and binding votes you voted in, and "
                        + "what you gave each union (the history is in your trail). The ballot is secret: how you voted is not kept "
                        + "anywhere, so it cannot be exported.",
                "comments", comments, "candidacies", candidacies, "votedIn", votedIn, "votedOnRuleChanges", votedOn, "unions", unions);
        return List.of(new File("voice.json", json.writeValueAsBytes(voice),
                "your comments in consultations, candidacies, the elections and votes you took part in, and your mandates to unions"));
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
