package fr.hygie.platform;

import java.text.MessageFormat;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * A sentence code (refusal, step outcome…) whose {@link #label()} is the French sentence, a MessageFormat pattern
 * when it has arguments. The APIs answer with {@link #french(Object...)}; pages say the same code in the reader's
 * language from the message bundles (same French wording, checked by LanguageTest).
 */
public interface FrenchWording extends Labelled {

    /** The French sentence with its arguments. */
    default String french(Object... args) {
        return format(label(), args);
    }

    /**
     * Formats a French pattern: a {@link Labelled} argument by its French label, a collection by its elements joined
     * with commas, anything else as {@link String#valueOf} (so that numbers never depend on the JVM's locale); no
     * MessageFormat without arguments, like Spring's bundles (an apostrophe stays single).
     */
    static String format(String pattern, Object... args) {
        if (args == null || args.length == 0) {
            return pattern;
        }
        Object[] texts = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            texts[i] = text(args[i]);
        }
        return MessageFormat.format(pattern, texts);
    }

    private static String text(Object arg) {
        if (arg instanceof Labelled l) {
            return l.label();
        }
        if (arg instanceof Collection<?> c) {
            return c.stream().map(FrenchWording::text).collect(Collectors.joining(", "));
        }
        return String.valueOf(arg);
    }
}
