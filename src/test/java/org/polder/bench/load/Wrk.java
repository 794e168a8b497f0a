package org.polder.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk (one connection per thread, so that each thread is one worker whose requests follow each
 * other) with one of the scripts in bench/wrk, and measures what the machine spent while it ran: wrk's own
 * CPU, the node's and PostgreSQL's, read from /proc before and after.
 */
final class Wrk {

    /** What one run measured. {@code figures} holds the script's own "polder:" line, by name. */
    record Run(String name, int workers, double seconds, double requestsPerSecond, Map<String, Double> figures,
               double generatorShare, double nodeCpuSeconds, double postgresCpuSeconds) {

        double figure(String key) {
            return figures.getOrDefault(key, Double.NaN);
        }

        /** Milliseconds of CPU per unit of work (a request, or a task) for a process's CPU seconds. */
        double perUnit(double cpuSeconds, double units) {
            return units == 0 ? Double.NaN : cpuSeconds * 1000 / units;
        }
    }

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern POLDER = Pattern.compile("polder: (.*)");
    private static final Pattern TIMES = Pattern.compile("(?m)^(\\d+)m([0-9.]+)s (\\d+)m([0-9.]+)s$");

    private static double minutes(String m, String s) {
        return Integer.parseInt(m) * 60 + Double.parseDouble(s);
    }

    private final Path scripts;
    private final long nodePid;

    Wrk(Path scripts, long nodePid) {
        this.scripts = scripts.toAbsolutePath();
        this.nodePid = nodePid;
    }

    Run run(String name, String script, String url, int workers, double seconds, Map<String, String> env) throws Exception {
        // bash's "times" prints, after wrk has ended, the CPU its children used: wrk's own cost.
        List<String> command = List.of("bash", "-c", "wrk \"$@\"; rc=$?; times; exit $rc", "wrk",
                "-t", Integer.toString(workers), "-c", Integer.toString(workers),
                "-d", Math.round(seconds) + "s", "--timeout", "10s", "-s", scripts.resolve(script).toString(), url);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("POLDER_WRK", scripts.toString());
        pb.environment().putAll(env);
        long nodeBefore = ticks(nodePid);
        long pgBefore = postgresTicks();
        long start = System.nanoTime();
        Process wrk = pb.start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = wrk.waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        long nodeAfter = ticks(nodePid);
        long pgAfter = postgresTicks();
        if (exit != 0) {
            throw new IllegalStateException("wrk failed (" + exit + "): " + out);
        }
        Matcher rps = RPS.matcher(out);
        Matcher polder = POLDER.matcher(out);
        if (!rps.find() || !polder.find()) {
            throw new IllegalStateException("wrk said nothing to read: " + out);
        }
        Map<String, Double> figures = new HashMap<>();
        String[] words = polder.group(1).trim().split("\\s+");
        for (int i = 0; i + 1 < words.length; i += 2) {
            figures.put(words[i], Double.parseDouble(words[i + 1]));
        }
        Matcher times = TIMES.matcher(out);
        double wrkSeconds = 0;
        while (times.find()) {   // the last pair is the children's: wrk's
            wrkSeconds = minutes(times.group(1), times.group(2)) + minutes(times.group(3), times.group(4));
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return new Run(name, workers, seconds, Double.parseDouble(rps.group(1)), figures,
                wrkSeconds / (wall * cores), (nodeAfter - nodeBefore) / (double) TICKS,
                (pgAfter - pgBefore) / (double) TICKS);
    }

    /** Clock ticks per second of /proc's CPU figures (USER_HZ, 100 on Linux). */
    private static final int TICKS = 100;

    /** User and system CPU of a process, in clock ticks; 0 when it is gone. */
    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** The CPU of every PostgreSQL process on the machine, in clock ticks. */
    static long postgresTicks() throws IOException {
        long sum = 0;
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path p : dirs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        sum += ticks(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // a process that ended while we looked
                }
            }
        }
        return sum;
    }

    static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    static List<String> lines(String s) {
        return new ArrayList<>(s.lines().toList());
    }
}
