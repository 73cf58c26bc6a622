package fr.hygie.web.oversight;

import fr.hygie.web.WebMessages;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.PatientId;
import fr.hygie.oversight.Outcome;
import fr.hygie.oversight.PreventionReminders;
import fr.hygie.oversight.SuggestionStatus.Decision;
import fr.hygie.web.ActingFor;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Prevention reminders: the validation queue of the médecin traitant (or designated professional), and
 * the person's page (« Mes rappels de prévention ») with « pourquoi ce message ? » and the one-click
 * opt-out, usable by a representative acting for the person.
 */
@Controller
class PreventionController {

    private final WebMessages texts;

    private final PreventionReminders reminders;
    private final ActingFor actingFor;

    private final fr.hygie.web.Codes codes;

    private final fr.hygie.access.AccessControl access;

    PreventionController(PreventionReminders reminders, ActingFor actingFor, fr.hygie.access.AccessControl access, WebMessages texts,
            fr.hygie.web.Codes codes) {
        this.access = access;
        this.codes = codes;
        this.texts = texts;
        this.reminders = reminders;
        this.actingFor = actingFor;
    }

    @GetMapping("/pro/prevention")
    @PreAuthorize("hasRole('PROFESSIONAL')")
    String queue(@AuthenticationPrincipal HygieUser user, Model model) {
        model.addAttribute("suggestions", reminders.queueFor(user, 50));
        return "oversight/validation";
    }

    @PostMapping("/pro/prevention/{id}")
    @PreAuthorize("hasRole('PROFESSIONAL')")
    String decide(@AuthenticationPrincipal HygieUser user, @PathVariable String id, @RequestParam(required = false) String decision,
            @RequestParam(required = false) String text, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        Outcome o;
        try {
            o = reminders.decide(user, UUID.fromString(id), decision == null ? null : Decision.valueOf(decision), text, reason);
        } catch (IllegalArgumentException e) {
            o = Outcome.refused(texts.get("oversight.flash.chooseDecision"));
        }
        redirect.addFlashAttribute(o.done() ? "message" : "error", codes.say(o.wording(), o.args(), o.message()));
        return "redirect:/pro/prevention";
    }

    @GetMapping("/prevention")
    @PreAuthorize("hasAnyRole('PATIENT', 'REPRESENTATIVE')")
    String mine(@AuthenticationPrincipal HygieUser user, HttpSession session, Model model) {
        Optional<PatientId> subject = actingFor.subject(user, session);
        if (subject.isEmpty()) {
            return "redirect:/agir-pour";
        }
        var list = reminders.remindersOf(actingFor.currentActor(user, session), subject.get());
        model.addAttribute("allowed", list.isPresent());
        model.addAttribute("reminders", list.orElse(java.util.List.of()));
        model.addAttribute("optedOut", reminders.optedOut(subject.get()));
        // Switching the messages off or on is a setting (« Gérer le partage » for a representative): the button only where
        // its POST would be permitted (docs/security.md, « Pages that offer an action »).
        model.addAttribute("mayChange", access.wouldPermit(actingFor.currentActor(user, session), subject.get(),
                fr.hygie.journal.JournalAction.SETTINGS_CHANGE, PreventionReminders.PREVENTION_SCOPE));
        return "oversight/reminders";
    }

    @PostMapping("/prevention/desactiver")
    @PreAuthorize("hasAnyRole('PATIENT', 'REPRESENTATIVE')")
    String optOut(@AuthenticationPrincipal HygieUser user, HttpSession session, RedirectAttributes redirect) {
        return change(user, session, redirect, true);
    }

    @PostMapping("/prevention/reactiver")
    @PreAuthorize("hasAnyRole('PATIENT', 'REPRESENTATIVE')")
    String optIn(@AuthenticationPrincipal HygieUser user, HttpSession session, RedirectAttributes redirect) {
        return change(user, session, redirect, false);
    }

    private String change(HygieUser user, HttpSession session, RedirectAttributes redirect, boolean off) {
        Optional<PatientId> subject = actingFor.subject(user, session);
        if (subject.isEmpty()) {
            return "redirect:/agir-pour";
        }
        var actor = actingFor.currentActor(user, session);
        Outcome o = off ? reminders.optOut(actor, subject.get()) : reminders.optIn(actor, subject.get());
        redirect.addFlashAttribute(o.done() ? "message" : "error", codes.say(o.wording(), o.args(), o.message()));
        return "redirect:/prevention";
    }
}
