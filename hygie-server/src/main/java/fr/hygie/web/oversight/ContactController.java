package fr.hygie.web.oversight;

import fr.hygie.web.WebMessages;
import fr.hygie.access.Actor;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.Patients;
import fr.hygie.oversight.ContactChoices;
import fr.hygie.oversight.ContactRequests;
import fr.hygie.oversight.NewContactRequest;
import fr.hygie.oversight.Outcome;
import fr.hygie.oversight.SubmitOutcome;
import fr.hygie.web.ActingFor;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
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
 * « Parler à une personne »: the form (for anyone, with or without an account, or for the person one
 * acts for) and the conseillers' queue, request page and response-time dashboard.
 */
@Controller
class ContactController {

    private final WebMessages texts;

    private final ContactRequests requests;
    private final ActingFor actingFor;
    private final Patients patients;
    private final Clock clock;

    private final fr.hygie.web.Codes codes;

    ContactController(ContactRequests requests, ActingFor actingFor, Patients patients, Clock clock, WebMessages texts,
            fr.hygie.web.Codes codes) {
        this.codes = codes;
        this.texts = texts;
        this.requests = requests;
        this.actingFor = actingFor;
        this.patients = patients;
        this.clock = clock;
    }

    @GetMapping("/contact")
    String form(@AuthenticationPrincipal HygieUser user, HttpSession session, Model model) {
        String phone = null;
        String email = null;
        if (user != null) {
            var subject = actingFor.subject(user, session);
            if (subject.isPresent() && !actingFor.currentActor(user, session).representing()) {
                var contact = patients.contact(subject.get());
                phone = contact.phone();
                email = contact.email();
            }
        }
        model.addAttribute("form", new NewContactRequest(null, null, null, ContactChoices.Channel.PHONE, phone, email,
                ContactChoices.When.ANY_TIME));
        return page(model);
    }

    @PostMapping("/contact")
    String submit(@AuthenticationPrincipal HygieUser user, HttpSession session, @RequestParam(required = false) String name,
            @RequestParam(required = false) String topic, @RequestParam(required = false) String message,
            @RequestParam(required = false) String channel, @RequestParam(required = false) String phone,
            @RequestParam(required = false) String email, @RequestParam(required = false) String when, Model model) {
        NewContactRequest form = new NewContactRequest(name, parse(ContactChoices.Topic.class, topic), message,
                parse(ContactChoices.Channel.class, channel), phone, email, parse(ContactChoices.When.class, when));
        Optional<Actor> actor = Optional.ofNullable(user).map(u -> actingFor.currentActor(u, session));
        String forName = user == null ? null : actingFor.actingFor(user, session).map(ActingFor.Represented::displayName).orElse(null);
        SubmitOutcome outcome = requests.submit(actor, forName, form);
        if (outcome instanceof SubmitOutcome.Invalid invalid) {
            model.addAttribute("form", form);
            model.addAttribute("errors", Map.of(invalid.field(), invalid.message()));
            return page(model);
        }
        return "redirect:/contact/envoyee";
    }

    @GetMapping("/contact/envoyee")
    String sent(Model model) {
        model.addAttribute("target", requests.targetWorkingDays());
        return "oversight/contact-sent";
    }

    private String page(Model model) {
        model.addAttribute("topics", ContactChoices.Topic.values());
        model.addAttribute("channels", ContactChoices.Channel.values());
        model.addAttribute("whens", ContactChoices.When.values());
        model.addAttribute("target", requests.targetWorkingDays());
        return "oversight/contact";
    }

    // ------------------------------------------------------------------ conseillers

    @GetMapping("/contact/file")
    @PreAuthorize("hasRole('HUMAN_CONTACT')")
    String queue(@AuthenticationPrincipal HygieUser user, Model model) {
        model.addAttribute("requests", requests.queue(user, 200));
        return "oversight/contact-queue";
    }

    @GetMapping("/contact/file/{id}")
    @PreAuthorize("hasRole('HUMAN_CONTACT')")
    String open(@AuthenticationPrincipal HygieUser user, @PathVariable String id, Model model, RedirectAttributes redirect) {
        Optional<fr.hygie.oversight.ContactRequest> r = uuid(id).flatMap(u -> requests.open(user, u));
        if (r.isEmpty()) {
            redirect.addFlashAttribute("error", texts.get("oversight.flash.unknownRequest"));
            return "redirect:/contact/file";
        }
        model.addAttribute("r", r.get());
        return "oversight/contact-request";
    }

    @PostMapping("/contact/file/{id}/repondre")
    @PreAuthorize("hasRole('HUMAN_CONTACT')")
    String respond(@AuthenticationPrincipal HygieUser user, @PathVariable String id, @RequestParam(required = false) String note,
            RedirectAttributes redirect) {
        Outcome o = uuid(id).map(u -> requests.respond(user, u, note)).orElse(Outcome.refused(texts.get("oversight.flash.unknownRequest")));
        redirect.addFlashAttribute(o.done() ? "message" : "error", codes.say(o.wording(), o.args(), o.message()));
        return "redirect:/contact/file/" + id;
    }

    @PostMapping("/contact/file/{id}/clore")
    @PreAuthorize("hasRole('HUMAN_CONTACT')")
    String close(@AuthenticationPrincipal HygieUser user, @PathVariable String id, @RequestParam(required = false) String note,
            RedirectAttributes redirect) {
        Outcome o = uuid(id).map(u -> requests.close(user, u, note)).orElse(Outcome.refused(texts.get("oversight.flash.unknownRequest")));
        redirect.addFlashAttribute(o.done() ? "message" : "error", codes.say(o.wording(), o.args(), o.message()));
        return o.done() ? "redirect:/contact/file" : "redirect:/contact/file/" + id;
    }

    @GetMapping("/contact/tableau")
    @PreAuthorize("hasRole('HUMAN_CONTACT')")
    String dashboard(@RequestParam(name = "jours", defaultValue = "90") int days, Model model) {
        int period = Math.max(1, Math.min(days, 3650));
        Instant to = clock.instant();
        model.addAttribute("jours", period);
        model.addAttribute("times", requests.responseTimes(to.minus(Duration.ofDays(period)), to.plusSeconds(1)));
        return "oversight/contact-dashboard";
    }

    private static Optional<UUID> uuid(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        try {
            return value == null || value.isBlank() ? null : Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
