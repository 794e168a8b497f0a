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
        Map<String, Object> voice = row(
                "about", "Your comments on proposed rule changes, your candidacies, and the elections you voted in. "
                        + "The ballot is secret: whom you voted for is not kept anywhere, so it cannot be exported.",
                "comments", comments, "candidacies", candidacies, "votedIn", votedIn);
        return List.of(new File("voice.json", json.writeValueAsBytes(voice),
                "your comments in consultations, candidacies and the elections you voted in"));
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
