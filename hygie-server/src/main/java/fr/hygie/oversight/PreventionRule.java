package fr.hygie.oversight;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One line of the French public prevention calendars as data (rappel de prévention): who (sex, age
 * band), how often, what in the profile shows it was done (evidence) or makes it inappropriate
 * (exclusion, e.g. a cancer already followed), the public source, and the invitation the person reads.
 * Pure: no framework, no database.
 */
public record PreventionRule(String code, String name, String sex, int minAge, int maxAge, int intervalMonths,
        List<CodeRef> evidence, List<CodeRef> exclusions, String source, String invitation) {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    public PreventionRule {
        evidence = List.copyOf(evidence);
        exclusions = List.copyOf(exclusions);
    }

    /** A code system and a code prefix ({@code ATC:J07BB} matches every influenza vaccine). */
    public record CodeRef(String system, String prefix) {
        public boolean matches(PersonFacts.CodedFact fact) {
            return system.equalsIgnoreCase(fact.system()) && fact.code() != null && fact.code().startsWith(prefix);
        }

        static CodeRef parse(String s) {
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || colon == s.length() - 1) {
                throw new IllegalArgumentException("code reference without SYSTEM:CODE: " + s);
            }
            return new CodeRef(s.substring(0, colon).trim(), s.substring(colon + 1).trim());
        }
    }

    /** Is the reminder due for this person on {@code today}? Empty when not. */
    public Optional<DueReminder> evaluate(PersonFacts person, LocalDate today) {
        if (!"*".equals(sex) && !sex.equals(person.sex())) {
            return Optional.empty();
        }
        int age = person.ageOn(today);
        if (age < minAge || age > maxAge) {
            return Optional.empty();
        }
        if (person.facts().stream().anyMatch(f -> exclusions.stream().anyMatch(x -> x.matches(f)))) {
            return Optional.empty();
        }
        Optional<LocalDate> last = person.facts().stream().filter(f -> evidence.stream().anyMatch(e -> e.matches(f)))
                .map(PersonFacts.CodedFact::date).max(Comparator.naturalOrder());
        if (last.isPresent() && last.get().isAfter(today.minusMonths(intervalMonths))) {
            return Optional.empty();
        }
        return Optional.of(new DueReminder(this, last, why(age, last)));
    }

    /** The « pourquoi ce message ? » text: the rule applied, in plain French, with its source. */
    private String why(int age, Optional<LocalDate> last) {
        String who = "F".equals(sex) ? "les femmes de " : "M".equals(sex) ? "les hommes de " : "les personnes de ";
        String band = minAge == maxAge ? minAge + " ans" : minAge + " à " + maxAge + " ans";
        String trace = last.map(d -> "la dernière trace dans le profil date du " + DATE.format(d) + ", il y a plus de "
                + period() + ".").orElse("le profil ne mentionne pas qu'il a été fait.");
        return "Le calendrier public recommande « " + name + " » pour " + who + band
                + (intervalMonths < 1200 ? ", " + every() : "") + ". La personne a " + age + " ans et " + trace
                + " Source : " + source + ".";
    }

    private String every() {
        return intervalMonths % 12 == 0
                ? (intervalMonths == 12 ? "chaque année" : "tous les " + intervalMonths / 12 + " ans")
                : "tous les " + intervalMonths + " mois";
    }

    private String period() {
        return intervalMonths % 12 == 0 ? (intervalMonths / 12 == 1 ? "1 an" : intervalMonths / 12 + " ans") : intervalMonths + " mois";
    }
}
