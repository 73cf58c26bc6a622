package fr.hygie.web.research;

import ca.uhn.fhir.context.FhirContext;
import fr.hygie.research.OrganisationKind;
import fr.hygie.research.ProjectId;
import fr.hygie.research.ProjectStatus;
import fr.hygie.research.Purpose;
import fr.hygie.research.Registry;
import fr.hygie.research.RegistryEntry;
import fr.hygie.research.RegistryFhir;
import fr.hygie.research.RegistryFilter;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * The public registry of research projects, without login: list with filters, detail, CSV download, JSON
 * feed and each project as a FHIR ResearchStudy. Public fields only ({@link RegistryEntry}).
 */
@Controller("researchRegistryController")
class RegistryController {

    /** The JSON feed: when it was generated and the projects. */
    record Feed(String title, Instant generatedAt, List<RegistryEntry> projects) {
    }

    private final Registry registry;
    private final FhirContext fhir;

    RegistryController(Registry registry, FhirContext fhir) {
        this.registry = registry;
        this.fhir = fhir;
    }

    @GetMapping("/recherche/registre")
    String list(@RequestParam(name = "statut", defaultValue = "") String status, @RequestParam(name = "finalite", defaultValue = "") String purpose,
            @RequestParam(name = "organisme", defaultValue = "") String kind, Model model) {
        model.addAttribute("entries", registry.list(RegistryFilter.of(status, purpose, kind)));
        model.addAttribute("statuses", ProjectStatus.values());
        model.addAttribute("purposes", Purpose.values());
        model.addAttribute("kinds", OrganisationKind.values());
        model.addAttribute("statut", status);
        model.addAttribute("finalite", purpose);
        model.addAttribute("organisme", kind);
        return "research/registry";
    }

    @GetMapping("/recherche/registre/{id}")
    String detail(@PathVariable String id, Model model) {
        model.addAttribute("entry", entry(id));
        return "research/registry-entry";
    }

    @GetMapping(value = "/recherche/registre.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Feed json(@RequestParam(name = "statut", defaultValue = "") String status, @RequestParam(name = "finalite", defaultValue = "") String purpose,
            @RequestParam(name = "organisme", defaultValue = "") String kind) {
        return new Feed("Registre public des projets de recherche — Hygie", Instant.now(),
                registry.list(RegistryFilter.of(status, purpose, kind)));
    }

    @GetMapping("/recherche/registre.csv")
    ResponseEntity<String> csv(@RequestParam(name = "statut", defaultValue = "") String status,
            @RequestParam(name = "finalite", defaultValue = "") String purpose, @RequestParam(name = "organisme", defaultValue = "") String kind) {
        StringBuilder sb = new StringBuilder();
        sb.append("id;titre;finalite;organisme;type_organisme;lieu_traitement;equipe;donnees;statut;depose_le;statut_depuis;"
                + "echeance;en_retard;decisions;personnes_incluses;personnes_ecartees_par_opposition;resultats;resultats_negatifs\r\n");
        for (RegistryEntry e : registry.list(RegistryFilter.of(status, purpose, kind))) {
            String data = e.variables().stream().map(v -> v.category() + " : " + v.variable()).collect(Collectors.joining(" | "));
            sb.append(String.join(";", List.of(e.id(), cell(e.title()), cell(e.purposeLabel()), cell(e.organisation()),
                    cell(e.organisationKindLabel()), cell(e.placeLabel()), cell(e.team()), cell(data), e.status(),
                    String.valueOf(e.submittedAt()), String.valueOf(e.statusSince()), e.dueAt() == null ? "" : e.dueAt().toString(),
                    String.valueOf(e.late()), cell(e.steps().stream().map(st -> st.decidedAt() + " " + st.decisionLabel() + " (" + st.body()
                            + ") : " + st.reasons()).collect(Collectors.joining(" | "))), e.included() == null ? "" : e.included().toString(),
                    e.excludedByObjections() == null ? "" : e.excludedByObjections().toString(),
                    e.results() == null ? "" : cell(e.results().summary()), e.results() == null ? "" : String.valueOf(e.results().negative()))))
                    .append("\r\n");
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"registre-recherche.csv\"").body(sb.toString());
    }

    @GetMapping("/recherche/registre/{id}/fhir")
    ResponseEntity<String> researchStudy(@PathVariable String id) {
        String json = fhir.newJsonParser().setPrettyPrint(true).encodeResourceToString(RegistryFhir.researchStudy(entry(id)));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/fhir+json;charset=UTF-8")).body(json);
    }

    private RegistryEntry entry(String id) {
        return ProjectId.parse(id).flatMap(registry::entry).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** A CSV cell (RFC 4180 quoting); a leading =, +, - or @ is neutralised so that spreadsheets never run it as a formula. */
    static String cell(String s) {
        if (s == null) {
            return "";
        }
        String v = s.isEmpty() || "=+-@".indexOf(s.charAt(0)) < 0 ? s : "'" + s;
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
