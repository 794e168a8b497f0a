package org.polder.bench.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Where PostgreSQL's time goes during one run, from {@code pg_stat_statements}, when the server loads it
 * ({@code shared_preload_libraries}); without it the benchmark leaves this part out. Only the benchmark's
 * database is read; the node's jobs are off, so its statements are the requests'.
 */
final class StatementProfile {

    /** One statement's share of a run: how often it ran per task and how long it took in all. */
    record Line(String query, double callsPerTask, double millisPerTask, double meanMillis) {
    }

    private final String url;
    private final String user;
    private final String password;
    private final String database;

    private StatementProfile(String url, String user, String password, String database) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.database = database;
    }

    /** The profile, or null when the server does not collect statement statistics. */
    static StatementProfile open(String url, String user, String password, String database) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            s.executeQuery("SELECT 1 FROM pg_stat_statements LIMIT 1").close();
            return new StatementProfile(url, user, password, database);
        } catch (SQLException notLoaded) {
            return null;
        }
    }

    void reset() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_statements_reset()");
        }
    }

    /** Milliseconds of execution of all statements since the last reset, per task done. */
    double millisPerTask(double tasks) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); PreparedStatement s = c.prepareStatement("""
                SELECT COALESCE(SUM(total_exec_time), 0) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = ?)""")) {
            s.setString(1, database);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getDouble(1) / tasks;
            }
        }
    }

    /** The statements that took most of the execution time since the last reset, per task done. */
    List<Line> top(int count, double tasks) throws SQLException {
        List<Line> lines = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, password); PreparedStatement s = c.prepareStatement("""
                SELECT regexp_replace(query, '\\s+', ' ', 'g'), calls, total_exec_time, mean_exec_time FROM pg_stat_statements
                WHERE dbid = (SELECT oid FROM pg_database WHERE datname = ?) ORDER BY total_exec_time DESC LIMIT ?""")) {
            s.setString(1, database);
            s.setInt(2, count);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    lines.add(new Line(rs.getString(1), rs.getLong(2) / tasks, rs.getDouble(3) / tasks, rs.getDouble(4)));
                }
            }
        }
        return lines;
    }
}
