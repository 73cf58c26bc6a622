package fr.hygie.web.research;

import fr.hygie.web.WebMessages;
import fr.hygie.access.AccessControl;
import fr.hygie.access.Actor;
import fr.hygie.access.ControlOutcome;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.PatientId;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalChannel;
import fr.hygie.research.ExtractionRuns;
import fr.hygie.research.ObjectionScope;
import fr.hygie.research.Objections;
import fr.hygie.research.OrganisationKind;
import fr.hygie.research.Purpose;
import fr.hygie.web.ActingFor;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The person's pages: "Mes choix pour la recherche" (objections, explained in plain words with examples)
 * and "Mes données dans la recherche" (projects whose extractions included or left them out). A
 * representative acts for the person chosen on "Agir pour un proche", within the mandate. Other roles
 * reach the pages from the public registry and are told they are for persons (no error page).
 */
@Controller
@RequestMapping("/recherche")
class ResearchChoicesController {

    private final WebMessages texts;

    private final Objections objections;
    private final ExtractionRuns runs;
    private final ActingFor actingFor;
    private final AccessControl access;

    ResearchChoicesController(Objections objections, ExtractionRuns runs, ActingFor actingFor, AccessControl access, WebMessages texts) {
        this.access = access;

        this.texts = texts;
        this.objections = objections;
        this.runs = runs;
        this.actingFor = actingFor;
    }

    @GetMapping("/mes-choix")
    String choices(@AuthenticationPrincipal HygieUser user, HttpSession session, Model model) {
        model.addAttribute("purposes", Purpose.values());
        model.addAttribute("kinds", OrganisationKind.values());
        model.addAttribute("places", ObjectionScope.PlaceRestriction.values());
        if (!isPerson(user)) {
            model.addAttribute("notAPerson", true);
            return "research/choices";
        }
        Optional<PatientId> subject = actingFor.subject(user, session);
        if (subject.isEmpty()) {
            model.addAttribute("noSubject", true);
            return "research/choices";
        }
        Actor actor = actingFor.currentActor(user, session);
        Optional<Objections.Choices> choices = objections.choices(actor, subject.get(), JournalChannel.WEB);
        if (choices.isEmpty()) {
            model.addAttribute("forbidden", true);
            return "research/choices";
        }
        model.addAttribute("choices", choices.get());
        // Reading the choices is within « Voir les documents »; changing them needs « Gérer le partage »: the form is
        // shown only where its POST would be permitted (a representative without that right was offered a form that
        // answered 403, session 7's open work; docs/security.md, « Pages that offer an action »).
        model.addAttribute("mayChange", access.wouldPermit(actor, subject.get(), JournalAction.SETTINGS_CHANGE, Objections.OBJECT_TYPE));
        return "research/choices";
    }

    @PostMapping("/mes-choix")
    @PreAuthorize("hasAnyRole('PATIENT', 'REPRESENTATIVE')")
    String change(@AuthenticationPrincipal HygieUser user, HttpSession session,
            @RequestParam(name = "opposition", required = false) List<String> scopes, HttpServletResponse response,
            RedirectAttributes redirect, Model model) {
        Optional<PatientId> subject = actingFor.subject(user, session);
        if (subject.isEmpty()) {
            return "redirect:/recherche/mes-choix";
        }
        List<ObjectionScope> wanted = new ArrayList<>();
        for (String code : scopes == null ? List.<String>of() : scopes) {
            ObjectionScope.parse(code).ifPresent(wanted::add);
        }
        // "Tout refuser" makes the finer choices pointless: keep only the global objection.
        if (wanted.contains(ObjectionScope.GLOBAL)) {
            wanted = List.of(ObjectionScope.GLOBAL);
        }
        ControlOutcome o = objections.set(actingFor.currentActor(user, session), subject.get(), wanted, JournalChannel.WEB);
        if (!o.done()) {
            response.setStatus(403);
            // Objections refuse only one way: the person (or their representative) may not change these choices.
            model.addAttribute("message", texts.get("research.choices.notAllowed"));
            model.addAttribute("back", "/recherche/mes-choix");
            return "research/refused";
        }
        redirect.addFlashAttribute("message", texts.get("research.flash.choicesSaved"));
        return "redirect:/recherche/mes-choix";
    }

    @GetMapping("/mes-donnees")
    String participation(@AuthenticationPrincipal HygieUser user, HttpSession session, Model model) {
        if (!isPerson(user)) {
            model.addAttribute("notAPerson", true);
            return "research/participation";
        }
        Optional<PatientId> subject = actingFor.subject(user, session);
        if (subject.isEmpty()) {
            model.addAttribute("noSubject", true);
            return "research/participation";
        }
        var list = runs.participation(actingFor.currentActor(user, session), subject.get(), JournalChannel.WEB);
        if (list.isEmpty()) {
            model.addAttribute("forbidden", true);
            return "research/participation";
        }
        model.addAttribute("participations", list.get());
        return "research/participation";
    }

    private static boolean isPerson(HygieUser user) {
        return user.role() == fr.hygie.identity.Role.PATIENT || user.role() == fr.hygie.identity.Role.REPRESENTATIVE;
    }
}
