package org.polder.account.internal;

import org.polder.account.WorkerProfile;
import org.polder.account.WorkerProfiles;
import org.polder.common.DomainException;
import org.polder.work.TakingWork;
import org.polder.work.WorkingTime;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Work that asks for languages or a region goes only to workers whose own profile says so; the refusal names what
 * is asked, so that the worker can see why (and add a language they do speak).
 */
@Component
class TargetingGate implements TakingWork.Condition {

    private final WorkerProfiles profiles;

    TargetingGate(WorkerProfiles profiles) {
        this.profiles = profiles;
    }

    @Override
    public Optional<DomainException> refusal(long workerId, WorkingTime.Candidate work) {
        return why(profiles, workerId, work.languages(), work.regions());
    }

    /** The languages' names in the language of the request being answered: "Dutch", "Nederlands". */
    private static String names(java.util.List<String> codes) {
        java.util.Locale reader = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        return String.join(", ", codes.stream().map(c -> java.util.Locale.forLanguageTag(c).getDisplayLanguage(reader)).toList());
    }

    /** Why a worker's profile does not meet work asking for these languages (all) and regions (one), or empty. */
    static Optional<DomainException> why(WorkerProfiles profiles, long workerId, java.util.List<String> languages, java.util.List<String> regions) {
        if (languages.isEmpty() && regions.isEmpty()) {
            return Optional.empty();
        }
        WorkerProfile p = profiles.of(workerId);
        if (p.meets(languages, regions)) {
            return Optional.empty();
        }
        if (!p.languages().containsAll(languages)) {
            return Optional.of(DomainException.forbidden("This work asks for workers who speak " + String.join(", ", languages)
                    + "; your profile says " + (p.languages().isEmpty() ? "nothing yet" : String.join(", ", p.languages())))
                    .code("problem.targeting.language", names(languages)));
        }
        String provinces = String.join(", ", regions.stream().map(r -> WorkerProfile.PROVINCES.getOrDefault(r, r)).toList());
        return Optional.of(DomainException.forbidden("This work is for workers living in " + provinces)
                .code("problem.targeting.region", provinces));
    }
}
