package fr.hygie.web.appointments;

import fr.hygie.web.WebMessages;
import fr.hygie.appointments.Agendas;
import fr.hygie.appointments.BookedFor;
import fr.hygie.appointments.Booking;
import fr.hygie.appointments.BookingId;
import fr.hygie.appointments.BookingOutcome;
import fr.hygie.appointments.BookingRequest;
import fr.hygie.appointments.Bookings;
import fr.hygie.appointments.Directory;
import fr.hygie.appointments.Slot;
import fr.hygie.appointments.SlotId;
import fr.hygie.appointments.TransitionOutcome;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.Patient;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.platform.web.RefusedInput;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The counter and phone agent's booking (agent d'accueil, COUNTER_AGENT): find the person by INS traits
 * or take name, birth date and phone for someone without a digital space, pick a slot, book, print the
 * confirmation; an SMS confirmation is queued. The person chosen is kept in the HTTP session, never in a
 * URL (names and birth dates stay out of access logs).
 */
@Controller
@PreAuthorize("hasRole('COUNTER_AGENT')")
class CounterController {

    static final String PERSON = "appointments.counterPerson";

    /** The person the agent is booking for. */
    public record CounterPerson(UUID patientId, String familyName, String givenName, LocalDate birthDate, String phone,
            String displayName) implements Serializable {

        BookedFor bookedFor() {
            return patientId != null ? new BookedFor.Registered(new PatientId(patientId))
                    : new BookedFor.Unregistered(familyName, givenName, birthDate, phone);
        }

        public boolean registered() {
            return patientId != null;
        }
    }

    private final WebMessages texts;
    private final Patients patients;
    private final Bookings bookings;
    private final Directory directory;
    private final Agendas agendas;
    private final PublicSearchController search;
    private final AppointmentMessages messages;

    CounterController(Patients patients, Bookings bookings, Directory directory, Agendas agendas,
            PublicSearchController search, WebMessages texts, AppointmentMessages messages) {
        this.messages = messages;
        this.texts = texts;
        this.patients = patients;
        this.bookings = bookings;
        this.directory = directory;
        this.agendas = agendas;
        this.search = search;
    }

    @GetMapping("/guichet/rendez-vous")
    String start(@RequestParam(name = "nom", required = false) String name, @RequestParam(name = "prenomRecherche", required = false) String first,
            @RequestParam(name = "naissanceRecherche", required = false) String birth, @AuthenticationPrincipal HygieUser user,
            Model model, HttpSession session) {
        model.addAttribute("recent", bookings.bookedBy(user.accountId(), 10));
        model.addAttribute("current", session.getAttribute(PERSON));
        if (name != null) {
            LocalDate d = parseDate(birth);
            if (name.isBlank() || d == null) {
                model.addAttribute("errors", List.of(new FormError(name.isBlank() ? "nom" : "naissanceRecherche",
                        name.isBlank() ? texts.get("appointments.error.name") : texts.get("appointments.error.birthDate"))));
            } else {
                model.addAttribute("matches", patients.searchByTraits(name, first, d, 20));
                model.addAttribute("searched", true);
            }
        }
        return "appointments/counter-start";
    }

    @PostMapping("/guichet/rendez-vous/personne")
    String choose(@RequestParam(name = "patient", required = false) String patient,
            @RequestParam(name = "nomPersonne", required = false) String family, @RequestParam(name = "prenom", required = false) String given,
            @RequestParam(name = "naissance", required = false) String birth, @RequestParam(name = "telephone", required = false) String phone,
            @AuthenticationPrincipal HygieUser user, Model model, HttpSession session, HttpServletResponse response) {
        UUID id = PatientAppointmentsController.parse(patient);
        if (id != null) {
            Patient p = patients.byId(new PatientId(id)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
            session.setAttribute(PERSON, new CounterPerson(p.id().value(), null, null, null, null, p.displayName()));
            return "redirect:/guichet/rendez-vous/recherche";
        }
        try {
            BookedFor.Unregistered u = new BookedFor.Unregistered(family, given, parseDate(birth), phone);
            session.setAttribute(PERSON, new CounterPerson(null, u.familyName(), u.givenName(), u.birthDate(), u.phone(), u.displayName()));
            return "redirect:/guichet/rendez-vous/recherche";
        } catch (RuntimeException e) {
            if (!(e instanceof RefusedInput r)) {
                throw e;
            }
            response.setStatus(400);
            model.addAttribute("errors", List.of(new FormError(r.field().equals("nom") ? "nomPersonne" : r.field(), r.getMessage())));
            model.addAttribute("recent", bookings.bookedBy(user.accountId(), 10));
            return "appointments/counter-start";
        }
    }

    @GetMapping("/guichet/rendez-vous/recherche")
    String searchSlots(@ModelAttribute("form") SearchForm form, Model model, HttpSession session) {
        Object person = session.getAttribute(PERSON);
        if (person == null) {
            return "redirect:/guichet/rendez-vous";
        }
        model.addAttribute("person", person);
        search.search(form, model, "/guichet/rendez-vous/creneau/");
        return "appointments/counter-search";
    }

    @GetMapping("/guichet/rendez-vous/creneau/{slotId}")
    String confirmForm(@PathVariable UUID slotId, Model model, HttpSession session) {
        CounterPerson person = (CounterPerson) session.getAttribute(PERSON);
        if (person == null) {
            return "redirect:/guichet/rendez-vous";
        }
        return confirmPage(slotId, person, model, List.of());
    }

    private String confirmPage(UUID slotId, CounterPerson person, Model model, List<FormError> errors) {
        Slot slot = directory.slot(new SlotId(slotId)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("slot", slot);
        model.addAttribute("offer", directory.offer(slot.professional()).orElseThrow());
        model.addAttribute("reasons", agendas.reasons(slot.professional(), true).stream()
                .filter(r -> r.durationMinutes() <= slot.minutes()).toList());
        model.addAttribute("person", person);
        model.addAttribute("errors", errors);
        return "appointments/counter-confirm";
    }

    @PostMapping("/guichet/rendez-vous/creneau/{slotId}")
    String book(@PathVariable UUID slotId, @RequestParam(name = "motif", required = false) String reason,
            @RequestParam(name = "telephone", required = false) String phone, @AuthenticationPrincipal HygieUser user,
            Model model, HttpSession session, HttpServletResponse response) {
        CounterPerson person = (CounterPerson) session.getAttribute(PERSON);
        if (person == null) {
            return "redirect:/guichet/rendez-vous";
        }
        BookingOutcome outcome = bookings.book(user, new BookingRequest(new SlotId(slotId),
                PatientAppointmentsController.parse(reason), person.bookedFor(),
                phone == null || phone.isBlank() ? person.phone() : phone, null));
        if (outcome instanceof BookingOutcome.Booked b) {
            session.removeAttribute(PERSON);
            return "redirect:/guichet/rendez-vous/" + b.booking().id().value();
        }
        if (outcome instanceof BookingOutcome.SlotTaken t) {
            response.setStatus(409);
            return confirmPage(slotId, person, model, List.of(new FormError("motif", messages.taken())));
        }
        BookingOutcome.Refused r = (BookingOutcome.Refused) outcome;
        response.setStatus(400);
        return confirmPage(slotId, person, model, List.of(new FormError(r.field() == null ? "motif" : r.field(), messages.of(r))));
    }

    private Booking mine(UUID id, HygieUser user) {
        return bookings.byId(new BookingId(id)).filter(b -> bookings.mayManage(user, b))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** The printable confirmation (print stylesheet hides navigation). */
    @GetMapping("/guichet/rendez-vous/{id}")
    String confirmation(@PathVariable UUID id, @AuthenticationPrincipal HygieUser user, Model model) {
        Booking b = mine(id, user);
        model.addAttribute("booking", b);
        model.addAttribute("personName", bookings.personName(b));
        model.addAttribute("messages", bookings.messages(b.id()));
        return "appointments/counter-confirmation";
    }

    @PostMapping("/guichet/rendez-vous/{id}/annuler")
    String cancel(@PathVariable UUID id, @AuthenticationPrincipal HygieUser user, Model model, HttpServletResponse response) {
        TransitionOutcome outcome = bookings.cancel(user, new BookingId(id));
        return PatientAppointmentsController.transitionPage(outcome, "/guichet/rendez-vous/" + id, model, response);
    }

    private static LocalDate parseDate(String s) {
        try {
            return s == null || s.isBlank() ? null : LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
