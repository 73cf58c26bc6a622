package fr.hygie.web;

import fr.hygie.territory.ImportReport;
import fr.hygie.territory.Numbers;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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

    /**
     * Enums whose labels were put in the bundles before this class, under these prefixes
     * ({@code catalogue.status.REFERENCED}); the others use {@code code.<module>.<Enum>.<CONSTANT>}.
     */
    public static final Map<String, String> OLDER_KEYS = Map.of(
            "appointments.AppointmentStatus", "appointments.status", "appointments.BookingChannel", "appointments.channel",
            "catalogue.ApplicationStatus", "catalogue.status", "catalogue.Criterion", "catalogue.criterion",
            "oversight.ContactChoices.Channel", "oversight.channel", "oversight.ContactChoices.Topic", "oversight.topic",
            "oversight.ContactChoices.When", "oversight.when", "record.OrganDonation", "record.organDonation",
            "record.ProfileSectionKind", "record.section");

    /** The label of a code in the current request's language. */
    public String label(Enum<?> code) {
        if (code == null) {
            return "";
        }
        String older = OLDER_KEYS.get(type(code));
        return texts.get(older == null ? key(code, null) : older + "." + code.name());
    }

    /**
     * A sentence a domain module says as a code ({@code wording}, an enum whose {@code label()} is the French
     * MessageFormat pattern) with its arguments: codes by their labels, numbers ({@link BigDecimal}, with the decimals
     * of their scale) written in the page's language ({@link Numbers#format}: « 12,5 » in French, « 12.5 » and
     * « 1,234.5 » in English), units of environment variables ({@link ImportReport.Unit}) by their unit text, lists
     * joined by commas, the rest as text.
     * Without a code, {@code french} is a text made elsewhere and is shown as it is.
     */
    public String say(Enum<?> wording, List<?> args, String french) {
        if (wording == null) {
            return french;
        }
        return texts.get(key(wording, null), args.stream().map(this::argument).toArray());
    }

    private String argument(Object arg) {
        if (arg instanceof Enum<?> e) {
            return label(e);
        }
        if (arg instanceof BigDecimal number) {
            return Numbers.format(number.doubleValue(), Math.max(0, number.scale()), texts.locale());
        }
        if (arg instanceof ImportReport.Unit unit) {
            return text(unit.variable(), "unit");
        }
        if (arg instanceof Collection<?> c) {
            return c.stream().map(this::argument).collect(Collectors.joining(", "));
        }
        return String.valueOf(arg);
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
        return "code." + type(code) + "." + code.name() + (property == null ? "" : "." + property);
    }

    private static String type(Enum<?> code) {
        return code.getDeclaringClass().getName().substring("fr.hygie.".length()).replace('$', '.');
    }
}
