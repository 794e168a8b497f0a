package org.polder.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A request to open an account. Workers and requesters register themselves; a requester names the
 * organisation they open, or registers as a household (a private person booking help at home). Moderators and admins are appointed by an admin.
 */
public record Registration(
        @NotBlank @Size(min = 3, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "may contain only letters, digits, '.', '_' and '-'") String username,
        @NotNull @Size(min = 10, max = 200, message = "must be between 10 and 200 characters") String password,
        @NotBlank @Size(max = 200) String displayName,
        @NotNull Role role,
        @Size(max = 200) String organisationName,
        @Pattern(regexp = "en|nl", message = "must be 'en' or 'nl'") String language,
        /** For a requester: the kinds of work the organisation posts (MICROTASK, SHIFT, ERRAND); all when left out. */
        java.util.List<String> kinds,
        /** A private person who books help at home (role REQUESTER): their household needs no organisation name. */
        Boolean household) {

    public Registration(String username, String password, String displayName, Role role, String organisationName, String language,
                        java.util.List<String> kinds) {
        this(username, password, displayName, role, organisationName, language, kinds, null);
    }
}
