package fr.hygie.web.appointments;

import fr.hygie.appointments.Languages;
import fr.hygie.identity.Professions;
import fr.hygie.identity.Specialties;
import fr.hygie.platform.web.Html;
import fr.hygie.web.WebMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The choices of the search form ({@code @rdvOptions} in templates). The {@code <option>}s of the two long lists
 * (profession or specialty, language) are rendered here once per language and choice instead of by four template
 * expressions per option on every search (issue 13, docs/benchmarks.md « Session 9 — slot search »; as
 * {@code DocumentTypeOptions} for the add form): the nomenclatures and the message bundles do not change while the
 * server runs. Values and labels are HTML-escaped here, since the template inserts the result unescaped.
 */
@Component("rdvOptions")
public class SearchOptions {

    public record Option(String value, String label) {
    }

    private static final List<String> PROFESSIONS = List.of("10", "40", "50", "60", "70", "80", "21");

    private final WebMessages texts;
    private final List<Option> what = options();
    private final List<Option> languages = Languages.all().entrySet().stream().map(e -> new Option(e.getKey(), e.getValue())).toList();
    /** Rendered lists by list, language and chosen value (only values of the list, so the map stays small). */
    private final Map<String, String> rendered = new ConcurrentHashMap<>();

    SearchOptions(WebMessages texts) {
        this.texts = texts;
    }

    private static List<Option> options() {
        List<Option> options = new ArrayList<>();
        for (String code : PROFESSIONS) {
            Professions.bundled().find(code).ifPresent(p -> options.add(new Option("P:" + code, p.labelFr())));
        }
        Specialties.bundled().forProfession("10").stream()
                .filter(s -> !s.code().equals("SM26") && !s.code().equals("SM53"))
                .forEach(s -> options.add(new Option("S:" + s.code(),
                        "Médecin — " + s.labelFr().replaceAll("\\s*\\([A-Z]+\\)$", ""))));
        return List.copyOf(options);
    }

    public List<Option> what() {
        return what;
    }

    public Map<String, String> languages() {
        return Languages.all();
    }

    public List<Integer> radii() {
        return List.of(2, 5, 10, 20, 50, 100);
    }

    /** The options of « Profession ou spécialité », « Toutes » first, {@code selected} (or none) chosen. */
    public String whatHtml(String selected) {
        return html("what", what, selected);
    }

    /** The options of « Langue parlée », « Toutes » first, {@code selected} (or none) chosen. */
    public String languagesHtml(String selected) {
        return html("lang", languages, selected);
    }

    private String html(String list, List<Option> options, String selected) {
        String chosen = options.stream().anyMatch(o -> o.value().equals(selected)) ? selected : "";
        String all = texts.get("appointments.fragments.toutes");
        return rendered.computeIfAbsent(list + '\n' + all + '\n' + chosen, k -> render(options, all, chosen));
    }

    /** The same lines as the template's {@code th:each} made: one option a line, indented, then the select's indent. */
    private static String render(List<Option> options, String all, String chosen) {
        StringBuilder html = new StringBuilder(4096);
        html.append("\n      <option value=\"\">").append(Html.escape(all)).append("</option>");
        for (Option o : options) {
            html.append("\n      <option value=\"").append(Html.escape(o.value())).append('"');
            if (o.value().equals(chosen)) {
                html.append(" selected=\"selected\"");
            }
            html.append('>').append(Html.escape(o.label())).append("</option>");
        }
        return html.append("\n    ").toString();
    }
}
