package org.polder.home;

/** What a household can book (the pages name each with {@code home.service.NAME}). */
public enum HomeService {
    CLEANING, CARE, ODD_JOBS, MOVING;

    /** The service named, or a clear refusal naming the field. */
    static HomeService parse(String field, String name) {
        if (name != null) {
            for (HomeService s : values()) {
                if (s.name().equalsIgnoreCase(name.strip())) {
                    return s;
                }
            }
        }
        throw org.polder.common.DomainException.invalid(field + ": one of CLEANING, CARE, ODD_JOBS or MOVING, not " + name)
                .code("problem.home.service", String.valueOf(name));
    }
}
