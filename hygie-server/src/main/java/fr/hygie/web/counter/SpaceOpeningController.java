package fr.hygie.web.counter;

import fr.hygie.web.WebMessages;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.Patient;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.identity.SpaceActivations;
import fr.hygie.platform.security.PublicRoutes;
import fr.hygie.platform.web.InvalidInput;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Opening a space with help: a counter agent finds the person (by their INS traits, no medical
 * content ever shown) and gives them a one-time code; the person then chooses a login and password on
 * {@code /activer}, at the counter or later at home.
 */
@Controller
class SpaceOpeningController {

    private final WebMessages texts;

    private final Patients patients;
    private final Accounts accounts;
    private final SpaceActivations activations;

    SpaceOpeningController(Patients patients, Accounts accounts, SpaceActivations activations, WebMessages texts) {

        this.texts = texts;
        this.patients = patients;
        this.accounts = accounts;
        this.activations = activations;
    }

    @Bean
    static PublicRoutes activationRoutes() {
        return PublicRoutes.of("/activer");
    }

    @GetMapping("/guichet/espace")
    @PreAuthorize("hasRole('COUNTER_AGENT')")
    String find(@RequestParam(required = false) String nom, @RequestParam(required = false) String prenom,
            @RequestParam(name = "naissance", required = false) String birth, Model model) {
        model.addAttribute("nom", nom);
        model.addAttribute("prenom", prenom);
        model.addAttribute("naissance", birth);
        if (nom != null && !nom.isBlank()) {
            try {
                List<Patient> found = patients.searchByTraits(nom, prenom, LocalDate.parse(birth == null ? "" : birth), 20);
                model.addAttribute("results", found.stream()
                        .map(p -> new Row(p, accounts.byPatient(p.id()).isPresent())).toList());
            } catch (DateTimeParseException e) {
                model.addAttribute("error", texts.get("pro.flash.birthDateFormat"));
            }
        }
        return "counter/space";
    }

    /** A person as the counter agent sees them: name, birth date, whether a space is already open. */
    record Row(Patient patient, boolean hasAccount) {
    }

    @PostMapping("/guichet/espace/code")
    @PreAuthorize("hasRole('COUNTER_AGENT')")
    String issue(@RequestParam String patient, @AuthenticationPrincipal HygieUser agent, Model model) {
        PatientId id;
        try {
            id = PatientId.of(patient);
        } catch (IllegalArgumentException e) {
            model.addAttribute("error", texts.get("counter.flash.unknownPerson"));
            return "counter/space";
        }
        try {
            var code = activations.issue(id, agent.accountId());
            model.addAttribute("person", patients.byId(id).orElseThrow());
            model.addAttribute("code", code);
            return "counter/code";
        } catch (InvalidInput e) {
            model.addAttribute("error", e.getMessage());
            return "counter/space";
        }
    }

    @GetMapping("/activer")
    String activateForm() {
        return "counter/activate";
    }

    @PostMapping("/activer")
    String activate(@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String identifiant,
            @RequestParam(defaultValue = "") String motdepasse, @RequestParam(defaultValue = "") String confirmation, Model model) {
        model.addAttribute("identifiant", identifiant);
        if (!motdepasse.equals(confirmation)) {
            model.addAttribute("errors", java.util.Map.of("confirmation", texts.get("counter.flash.passwordsDiffer")));
            return "counter/activate";
        }
        try {
            activations.activate(code, identifiant, motdepasse, null);
            return "redirect:/login?active";
        } catch (InvalidInput e) {
            model.addAttribute("errors", java.util.Map.of(e.field() == null ? "code" : e.field(), e.getMessage()));
            return "counter/activate";
        }
    }
}
