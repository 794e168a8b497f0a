package org.polder.account;

import org.polder.common.DomainException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Workers' own statements of their languages and region: read by work that asks for them, never inferred. */
@Service
public class WorkerProfiles {

    private static final Set<String> ISO_LANGUAGES = Set.of(Locale.getISOLanguages());

    private final JdbcClient jdbc;

    WorkerProfiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public WorkerProfile of(long workerId) {
        return jdbc.sql("SELECT languages, region FROM worker_profile WHERE account_id = ?").param(workerId)
                .query((rs, n) -> new WorkerProfile(split(rs.getString("languages")), rs.getString("region"))).optional()
                .orElse(WorkerProfile.NONE);
    }

    @Transactional
    public WorkerProfile set(CurrentUser worker, List<String> languages, String region) {
        worker.require(Role.WORKER);
        List<String> codes = languages(languages, "languages");
        String r = region(region);
        if (jdbc.sql("UPDATE worker_profile SET languages = ?, region = ? WHERE account_id = ?").params(String.join(",", codes), r, worker.id())
                .update() == 0) {
            jdbc.sql("INSERT INTO worker_profile (account_id, languages, region) VALUES (?, ?, ?)").params(worker.id(), String.join(",", codes), r)
                    .update();
        }
        return of(worker.id());
    }

    /** Language codes checked (ISO 639-1, at most 10), in lower case, each once; or an error naming the field. */
    public static List<String> languages(List<String> languages, String field) {
        List<String> codes = new ArrayList<>();
        for (String l : languages == null ? List.<String>of() : languages) {
            String code = l == null ? "" : l.strip().toLowerCase(Locale.ROOT);
            if (!ISO_LANGUAGES.contains(code)) {
                throw DomainException.invalid(field + ": " + l + " is not a language code (ISO 639-1, such as nl or en)")
                        .code("problem.profile.language", String.valueOf(l));
            }
            if (!codes.contains(code)) {
                codes.add(code);
            }
        }
        if (codes.size() > 10) {
            throw DomainException.invalid(field + ": at most 10 languages").code("problem.profile.languages");
        }
        return codes;
    }

    /** A region code checked against {@link WorkerProfile#REGIONS}, or null for none. */
    public static String region(String region) {
        if (region == null || region.isBlank()) {
            return null;
        }
        String code = region.strip().toUpperCase(Locale.ROOT);
        if (!WorkerProfile.REGIONS.contains(code)) {
            throw DomainException.invalid("region: one of " + String.join(", ", WorkerProfile.REGIONS)).code("problem.profile.region");
        }
        return code;
    }

    /** Region codes checked, each once; or an error naming the field. */
    public static List<String> regions(List<String> regions, String field) {
        List<String> codes = new ArrayList<>();
        for (String r : regions == null ? List.<String>of() : regions) {
            String code;
            try {
                code = region(r);
            } catch (DomainException e) {
                throw DomainException.invalid(field + ": " + r + " is not one of " + String.join(", ", WorkerProfile.REGIONS))
                        .code("problem.profile.region");
            }
            if (code != null && !codes.contains(code)) {
                codes.add(code);
            }
        }
        return codes;
    }

    public static List<String> split(String joined) {
        return joined == null || joined.isBlank() ? List.of() : List.copyOf(Arrays.asList(joined.split(",")));
    }
}
