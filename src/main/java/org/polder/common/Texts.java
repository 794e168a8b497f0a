package org.polder.common;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Texts from the message bundles in the language of the current request (for flash messages). */
@Component
public class Texts {

    private final MessageSource messages;
    private final java.time.ZoneId zone;

    Texts(MessageSource messages, @org.springframework.beans.factory.annotation.Value("${polder.display-zone:Europe/Amsterdam}") String zone) {
        this.messages = messages;
        this.zone = java.time.ZoneId.of(zone);
    }

    public String get(String key, Object... args) {
        return messages.getMessage(key, args.length == 0 ? null : args, LocaleContextHolder.getLocale());
    }

    /**
     * Runs what a page's form asked for. A domain problem becomes an error message for the next page in
     * the reader's language, and null is returned; a 404 still goes to the error page.
     */
    public <T> T orFlash(org.springframework.web.servlet.mvc.support.RedirectAttributes redirect, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (DomainException e) {
            if (e.status().value() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("error", of(e));
            return null;
        }
    }

    /**
     * A domain problem in the reader's language, or its English message where it has no code. An argument
     * that names a field with a {@code field.*} message (e.g. {@code pickup}) is shown by that name; a day, a moment or an
     * amount given as {@link Words} gives them is shown in words.
     */
    public String of(DomainException problem) {
        if (problem.code() == null) {
            return problem.getMessage();
        }
        Object[] args = problem.args() == null ? null : problem.args().clone();
        for (int i = 0; args != null && i < args.length; i++) {
            if (args[i] instanceof String field && !field.isBlank() && field.length() < 60) {
                args[i] = messages.getMessage("field." + field, null, field, LocaleContextHolder.getLocale());
            } else if (args[i] instanceof java.util.Map<?, ?>) {
                args[i] = Words.shown(messages, args[i], LocaleContextHolder.getLocale(), zone);   // a day, a moment or euros, in words
            }
        }
        return messages.getMessage(problem.code(), args, problem.getMessage(), LocaleContextHolder.getLocale());
    }
}
