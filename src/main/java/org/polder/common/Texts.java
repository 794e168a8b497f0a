package org.polder.common;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Texts from the message bundles in the language of the current request (for flash messages). */
@Component
public class Texts {

    private final MessageSource messages;

    Texts(MessageSource messages) {
        this.messages = messages;
    }

    public String get(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }
}
