package org.polder.solidarity.internal;

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
 * A worker's own sick-pay circle records for their data export (RIGHTS.md R1): their places in circles, the
 * contributions they put in, the illnesses they reported (the dates only: nothing else is ever kept) and the gifts
 * they received. Nobody else's.
 */
@Component
class CircleExport implements ExportPart {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CircleExport(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
    }

    @Override
    public List<File> filesFor(CurrentUser worker) {
        List<Map<String, Object>> memberships = jdbc.sql("""
                        SELECT m.id, c.name, m.state, m.tier, m.auto_contribute, m.applied_at, m.joined_at, m.left_at
                        FROM circle_member m JOIN circle c ON c.id = m.circle_id WHERE m.worker_id = ? ORDER BY m.id""")
                .param(worker.id()).query((rs, n) -> {
                    long member = rs.getLong("id");
                    Map<String, Object> m = row("circle", rs.getString("name"), "state", rs.getString("state"), "tier", rs.getInt("tier"),
                            "setAsideByItself", rs.getBoolean("auto_contribute"), "appliedAt", text(Sql.instant(rs, "applied_at")),
                            "joinedAt", text(Sql.instant(rs, "joined_at")), "leftAt", text(Sql.instant(rs, "left_at")));
                    m.put("contributions", jdbc.sql("SELECT for_month, amount, paid_at FROM circle_contribution WHERE member_id = ? ORDER BY for_month")
                            .param(member).query((r, k) -> row("month", r.getObject(1, java.time.LocalDate.class).toString(), "cents", r.getLong(2),
                                    "paidAt", text(Sql.instant(r, "paid_at")))).list());
                    m.put("illnesses", jdbc.sql("SELECT id, starts_on, ends_on, gift_cents FROM circle_illness WHERE member_id = ? ORDER BY id")
                            .param(member).query((r, k) -> {
                                Map<String, Object> i = row("from", r.getObject(2, java.time.LocalDate.class).toString(),
                                        "to", text(r.getObject(3, java.time.LocalDate.class)), "monthlyGiftCents", r.getLong(4));
                                i.put("giftsReceived", jdbc.sql("SELECT month_number, amount, paid_at FROM circle_gift WHERE illness_id = ? ORDER BY month_number")
                                        .param(r.getLong(1)).query((g, x) -> row("month", g.getInt(1), "cents", g.getLong(2),
                                                "paidAt", text(Sql.instant(g, "paid_at")))).list());
                                return i;
                            }).list());
                    return m;
                }).list();
        if (memberships.isEmpty()) {
            return List.of();
        }
        Map<String, Object> all = row("about", "Your places in sick-pay circles, what you put in, the illnesses you reported (only their "
                + "dates are kept) and the gifts you received. Nobody outside your circle sees any of it.", "memberships", memberships);
        return List.of(new File("circle.json", json.writeValueAsBytes(all),
                "circle.json: your sick-pay circle: your contributions, the dates of illnesses you reported and the gifts you received"));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
