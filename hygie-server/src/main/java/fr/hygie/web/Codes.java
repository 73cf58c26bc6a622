package fr.hygie.web;

import org.springframework.stereotype.Component;

/**
 * Labels of the codes that domain modules define as enums with a French {@code label()} (research purposes and
 * statuses, territory indicators and levels, oversight statuses…), taken from the bundles in the page's
 * language ({@code @codes.label(p)} in templates). The key is {@code code.<module>.<Enum>.<CONSTANT>}, with
 * {@code .<property>} for the other texts of a code ({@code explanation}, {@code example}, {@code unit}); the
 * French text is the enum's own, word for word (checked by {@code LanguageTest}). Domain modules keep their
 * French labels for the APIs (French first) and never depend on the web module (RGAA criterion 8.3: the
 * page's {@code lang} must match its texts).
 */
@Component("codes")
public class Codes {

    private final WebMessages texts;

    Codes(WebMessages texts) {
        this.texts = texts;
    }

    /** The label of a code in the current request's language. */
    public String label(Enum<?> code) {
        return code == null ? "" : texts.get(key(code, null));
    }

    /** Another text of a code ({@code explanation}, {@code example}, {@code examples}, {@code unit}). */
    public String text(Enum<?> code, String property) {
        return code == null ? "" : texts.get(key(code, property));
    }

    /**
     * The label of a code given by its type ({@code research.Purpose}) and name, as records of the registry carry
     * them; an unknown name fails like a missing key (a test checks every constant has its key).
     */
    public String named(String type, String name) {
        return name == null ? "" : texts.get("code." + type + "." + name);
    }

    /** {@code code.research.Purpose.EDUCATION}, {@code code.territory.Indicator.ASTHMA.unit}. */
    public static String key(Enum<?> code, String property) {
        String type = code.getDeclaringClass().getName().substring("fr.hygie.".length()).replace('$', '.');
        return "code." + type + "." + code.name() + (property == null ? "" : "." + property);
    }
}
