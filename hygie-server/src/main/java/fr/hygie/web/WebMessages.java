package fr.hygie.web;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Texts that controllers put on pages (flash messages, form errors), taken from the same bundles as the
 * templates ({@code messages*.properties}) in the language of the current request: French by default,
 * English on request (RGAA criterion 8.3: the page's {@code lang} must match its texts).
 */
@Component
public class WebMessages {

    private final MessageSource messages;

    WebMessages(MessageSource messages) {
        this.messages = messages;
    }

    /** The text of {@code key} in the current request's language; arguments go through MessageFormat. */
    public String get(String key, Object... args) {
        return messages.getMessage(key, args.length == 0 ? null : args, locale());
    }

    /** The language of the current request (French outside a request). */
    public Locale locale() {
        Locale locale = LocaleContextHolder.getLocale();
        return locale == null ? Locale.FRENCH : locale;
    }
}
