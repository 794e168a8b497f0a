package org.polder.account;

import java.util.List;

/**
 * What a worker says of themselves, for work that asks for it: the languages they work in (ISO 639-1 codes) and the
 * region they live in (a Dutch province, ISO 3166-2:NL). Self-declared, never inferred; empty until they say.
 */
public record WorkerProfile(List<String> languages, String region) {

    /** The provinces, by their ISO 3166-2 codes. */
    public static final List<String> REGIONS = List.of("NL-DR", "NL-FL", "NL-FR", "NL-GE", "NL-GR", "NL-LI", "NL-NB", "NL-NH",
            "NL-OV", "NL-UT", "NL-ZE", "NL-ZH");

    /** The languages offered on the profile page; the API takes any ISO 639-1 code. */
    public static final List<String> COMMON_LANGUAGES = List.of("nl", "en", "de", "fr", "es", "it", "pl", "pt", "ro", "tr", "ar", "uk", "fy");

    public static final WorkerProfile NONE = new WorkerProfile(List.of(), null);
}
