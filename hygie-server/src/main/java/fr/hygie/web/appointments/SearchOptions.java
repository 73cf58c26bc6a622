package fr.hygie.web.appointments;

import fr.hygie.appointments.Languages;
import fr.hygie.identity.Professions;
import fr.hygie.identity.Specialties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The choices of the search form ({@code @rdvOptions} in templates). */
@Component("rdvOptions")
public class SearchOptions {

    public record Option(String value, String label) {
    }

    private static final List<String> PROFESSIONS = List.of("10", "40", "50", "60", "70", "80", "21");

    public List<Option> what() {
        List<Option> options = new ArrayList<>();
        for (String code : PROFESSIONS) {
            Professions.bundled().find(code).ifPresent(p -> options.add(new Option("P:" + code, p.labelFr())));
        }
        Specialties.bundled().forProfession("10").stream()
                .filter(s -> !s.code().equals("SM26") && !s.code().equals("SM53"))
                .forEach(s -> options.add(new Option("S:" + s.code(),
                        "Médecin — " + s.labelFr().replaceAll("\\s*\\([A-Z]+\\)$", ""))));
        return options;
    }

    public Map<String, String> languages() {
        return Languages.all();
    }

    public List<Integer> radii() {
        return List.of(2, 5, 10, 20, 50, 100);
    }
}
