package org.polder.microtask.internal;

import org.springframework.jdbc.core.simple.JdbcClient;

/** A worker's scored gold answers in one batch. */
record GoldScore(long answered, long correct) {

    static GoldScore of(JdbcClient jdbc, long worker, long batchId) {
        return jdbc.sql("""
                        SELECT COUNT(*) AS answered, COUNT(*) FILTER (WHERE gold_correct) AS correct
                        FROM assignment WHERE worker_id = ? AND batch_id = ? AND gold_correct IS NOT NULL""")
                .params(worker, batchId).query((rs, n) -> new GoldScore(rs.getLong("answered"), rs.getLong("correct"))).single();
    }
}
