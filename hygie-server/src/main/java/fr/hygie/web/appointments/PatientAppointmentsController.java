package fr.hygie.web.appointments;

import fr.hygie.web.WebMessages;
import fr.hygie.appointments.Agendas;
import fr.hygie.appointments.Booking;
import fr.hygie.appointments.BookingId;
import fr.hygie.appointments.BookingOutcome;
import fr.hygie.appointments.BookingRequest;
import fr.hygie.appointments.Bookings;
import fr.hygie.appointments.BookedFor;
import fr.hygie.appointments.Directory;
import fr.hygie.appointments.ICalendar;
import fr.hygie.appointments.PractitionerOffer;
import fr.hygie.appointments.Slot;
import fr.hygie.appointments.SlotId;
import fr.hygie.appointments.TransitionOutcome;
import fr.hygie.appointments.VisitReason;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.Patient;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The person's pages (and their representative's): book a slot, my appointments, cancel, move, waiting
 * list, .ics. A representative books only for persons whose mandate holds MANAGE_APPOINTMENTS, checked
 * again by {@link Bookings} on every post.
 */
@Controller
class PatientAppointmentsController {

    private final WebMessages texts;

    private final Directory directory;
    private final Agendas agendas;
    private final Bookings bookings;
    private final Clock clock;

    private final AppointmentMessages messages;

    PatientAppointmentsController(Directory directory, Agendas agendas, Bookings bookings, Clock clock, WebMessages texts,
            AppointmentMessages messages) {
        this.messages = messages;

        this.texts = texts;
        this.directory = directory;
        this.agendas = agendas;
        this.bookings = bookings;
        this.clock = clock;
    }

    @GetMapping("/rendez-vous/creneau/{slotId}")
    String bookForm(@PathVariable UUID slotId, @AuthenticationPrincipal HygieUser user, Model model) {
        if (user.role() == Role.COUNTER_AGENT) {
            return "redirect:/guichet/rendez-vous/creneau/" + slotId;
        }
        return bookPage(slotId, user, model, null, null, List.of());
    }

    private String bookPage(UUID slotId, HygieUser user, Model model, String chosenPerson, UUID chosenReason, List<FormError> errors) {
        Slot slot = directory.slot(new SlotId(slotId)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        PractitionerOffer offer = directory.offer(slot.professional()).orElseThrow();
        List<Patient> persons = bookings.bookableFor(user);
        List<VisitReason> reasons = agendas.reasons(slot.professional(), true).stream()
                .filter(r -> r.durationMinutes() <= slot.minutes()).toList();
        model.addAttribute("slot", slot);
        model.addAttribute("offer", offer);
        model.addAttribute("persons", persons);
        model.addAttribute("reasons", reasons);
        model.addAttribute("chosenPerson", chosenPerson != null ? chosenPerson
                : persons.isEmpty() ? null : persons.get(0).id().value().toString());
        model.addAttribute("chosenReason", chosenReason);
        model.addAttribute("errors", errors);
        model.addAttribute("free", slot.status() == fr.hygie.appointments.SlotStatus.FREE && slot.startsAt().isAfter(clock.instant()));
        return "appointments/book";
    }

    @PostMapping("/rendez-vous/creneau/{slotId}")
    String book(@PathVariable UUID slotId, @RequestParam(name = "pour", required = false) String person,
            @RequestParam(name = "motif", required = false) String reason,
            @RequestParam(name = "telephone", required = false) String phone,
            @RequestParam(name = "courriel", required = false) String email,
            @AuthenticationPrincipal HygieUser user, Model model, HttpServletResponse response) {
        UUID reasonId = parse(reason);
        UUID personId = parse(person);
        if (personId == null) {
            response.setStatus(400);
            return bookPage(slotId, user, model, person, reasonId, List.of(new FormError("pour", texts.get("appointments.error.forWhom"))));
        }
        BookingOutcome outcome = bookings.book(user, new BookingRequest(new SlotId(slotId), reasonId,
                new BookedFor.Registered(new PatientId(personId)), phone, email));
        if (outcome instanceof BookingOutcome.Booked b) {
            return "redirect:/mes-rendez-vous/" + b.booking().id().value() + "?confirme";
        }
        if (outcome instanceof BookingOutcome.SlotTaken t) {
            response.setStatus(409);
            return bookPage(slotId, user, model, person, reasonId, List.of(new FormError("creneaux", messages.taken())));
        }
        BookingOutcome.Refused r = (BookingOutcome.Refused) outcome;
        // Not allowed to book for this person (no mandate) or not at all (a role that cannot book: professionals, staff): 403,
        // a refusal, not a form to correct (finding of security.RouteFormsTest, session 5: the role refusal answered 400).
        response.setStatus("NO_MANDATE".equals(r.code()) || "ROLE".equals(r.code()) ? 403 : 400);
        return bookPage(slotId, user, model, person, reasonId,
                List.of(new FormError(r.field() == null ? "creneau" : r.field(), messages.of(r))));
    }

    static UUID parse(String s) {
        try {
            return s == null || s.isBlank() ? null : UUID.fromString(s.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public record PersonAppointments(Patient person, boolean self, List<Booking> bookings) {
    }

    @GetMapping("/mes-rendez-vous")
    String mine(@AuthenticationPrincipal HygieUser user, Model model) {
        List<PersonAppointments> groups = new ArrayList<>();
        for (Patient p : bookings.bookableFor(user)) {
            groups.add(new PersonAppointments(p, p.id().equals(user.patientId().orElse(null)), bookings.ofPerson(p.id())));
        }
        model.addAttribute("groups", groups);
        model.addAttribute("now", clock.instant());
        return "appointments/mine";
    }

    private Booking visible(UUID id, HygieUser user) {
        return bookings.byId(new BookingId(id)).filter(b -> bookings.mayManage(user, b))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    @GetMapping("/mes-rendez-vous/{id}")
    String detail(@PathVariable UUID id, @RequestParam(name = "confirme", required = false) String confirmed,
            @AuthenticationPrincipal HygieUser user, Model model) {
        Booking b = visible(id, user);
        model.addAttribute("booking", b);
        model.addAttribute("personName", bookings.personName(b));
        model.addAttribute("confirmed", confirmed != null);
        model.addAttribute("waiting", bookings.waiting(b.id()));
        model.addAttribute("future", b.startsAt().isAfter(clock.instant()));
        return "appointments/detail";
    }

    @PostMapping("/mes-rendez-vous/{id}/annuler")
    String cancel(@PathVariable UUID id, @AuthenticationPrincipal HygieUser user, Model model, HttpServletResponse response) {
        return transitionPage(bookings.cancel(user, new BookingId(id)), "/mes-rendez-vous/" + id + "?annule", model, response);
    }

    @PostMapping("/mes-rendez-vous/{id}/liste-attente")
    String waitingList(@PathVariable UUID id, @AuthenticationPrincipal HygieUser user, Model model, HttpServletResponse response) {
        return transitionPage(bookings.joinWaitingList(user, new BookingId(id)), "/mes-rendez-vous/" + id, model, response);
    }

    /** Maps a transition to a redirect, a 409 page naming the current status, or a 404. */
    static String transitionPage(TransitionOutcome outcome, String success, Model model, HttpServletResponse response) {
        if (outcome instanceof TransitionOutcome.Done) {
            return "redirect:" + success;
        }
        if (outcome instanceof TransitionOutcome.Illegal i) {
            response.setStatus(409);
            model.addAttribute("message", i.message());
            model.addAttribute("outcome", i);
            return "appointments/refused";
        }
        if (outcome instanceof TransitionOutcome.NotYet n) {
            response.setStatus(409);
            model.addAttribute("message", n.message());
            model.addAttribute("outcome", n);
            return "appointments/refused";
        }
        throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }

    @GetMapping("/mes-rendez-vous/{id}/deplacer")
    String moveForm(@PathVariable UUID id, @AuthenticationPrincipal HygieUser user, Model model) {
        Booking b = visible(id, user);
        Instant now = clock.instant();
        model.addAttribute("booking", b);
        model.addAttribute("slots", directory.freeSlots(b.professional(), now, now.plus(java.time.Duration.ofDays(60)), 30));
        return "appointments/move";
    }

    @PostMapping("/mes-rendez-vous/{id}/deplacer")
    String move(@PathVariable UUID id, @RequestParam(name = "creneau", required = false) String slot,
            @AuthenticationPrincipal HygieUser user, Model model, HttpServletResponse response) {
        UUID slotId = parse(slot);
        if (slotId == null) {
            response.setStatus(400);
            model.addAttribute("errors", List.of(new FormError("creneaux", texts.get("appointments.error.newSlot"))));
            return moveForm(id, user, model);
        }
        Bookings.MoveOutcome outcome = bookings.move(user, new BookingId(id), new SlotId(slotId));
        if (outcome.taken() != null) {
            response.setStatus(409);
            model.addAttribute("errors", List.of(new FormError("creneaux", messages.taken())));
            return moveForm(id, user, model);
        }
        if (outcome.transition() instanceof TransitionOutcome.Done d) {
            return "redirect:/mes-rendez-vous/" + d.booking().id().value() + "?confirme";
        }
        return transitionPage(outcome.transition(), "", model, response);
    }

    @GetMapping("/rendez-vous/{id}.ics")
    ResponseEntity<String> ics(@PathVariable UUID id, @AuthenticationPrincipal HygieUser user) {
        Booking b = visible(id, user);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"rendez-vous-" + b.reference() + ".ics\"")
                .body(ICalendar.ofBooking(b, clock.instant()));
    }
}
