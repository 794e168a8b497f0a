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

    /** The provinces' own names, which are the same in English and Dutch texts. */
    public static final java.util.Map<String, String> PROVINCES = java.util.Map.ofEntries(java.util.Map.entry("NL-DR", "Drenthe"),
            java.util.Map.entry("NL-FL", "Flevoland"), java.util.Map.entry("NL-FR", "Friesland"), java.util.Map.entry("NL-GE", "Gelderland"),
            java.util.Map.entry("NL-GR", "Groningen"), java.util.Map.entry("NL-LI", "Limburg"), java.util.Map.entry("NL-NB", "Noord-Brabant"),
            java.util.Map.entry("NL-NH", "Noord-Holland"), java.util.Map.entry("NL-OV", "Overijssel"), java.util.Map.entry("NL-UT", "Utrecht"),
            java.util.Map.entry("NL-ZE", "Zeeland"), java.util.Map.entry("NL-ZH", "Zuid-Holland"));

    public static final WorkerProfile NONE = new WorkerProfile(List.of(), null);

    /** Whether this profile meets work asking for these languages (all of them) and regions (one of them; none: anywhere). */
    public boolean meets(List<String> askedLanguages, List<String> askedRegions) {
        return languages.containsAll(askedLanguages) && (askedRegions.isEmpty() || askedRegions.contains(region));
    }
}
