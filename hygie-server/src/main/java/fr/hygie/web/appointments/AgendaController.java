package fr.hygie.web.appointments;

import fr.hygie.web.WebMessages;
import fr.hygie.appointments.AgendaEntry;
import fr.hygie.appointments.Agendas;
import fr.hygie.appointments.AppointmentStatus;
import fr.hygie.appointments.Booking;
import fr.hygie.appointments.BookingId;
import fr.hygie.appointments.Bookings;
import fr.hygie.appointments.Directory;
import fr.hygie.appointments.ICalendar;
import fr.hygie.appointments.Languages;
import fr.hygie.appointments.OfferUpdate;
import fr.hygie.appointments.PractitionerOffer;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.platform.web.RefusedInput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** A professional's agenda: my day, my week, schedule, date exceptions, absences, reasons, directory entry, feed. */
@Controller
class AgendaController {

    private final WebMessages texts;

    private final Agendas agendas;
    private final Bookings bookings;
    private final Directory directory;
    private final Clock clock;

    AgendaController(Agendas agendas, Bookings bookings, Directory directory, Clock clock, WebMessages texts) {

        this.texts = texts;
        this.agendas = agendas;
        this.bookings = bookings;
        this.directory = directory;
        this.clock = clock;
    }

    private static ProfessionalId pro(HygieUser user) {
        return user.professionalId().orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(AppointmentsFormat.FRANCE));
    }

    private static LocalDate date(String s, LocalDate fallback) {
        try {
            return s == null || s.isBlank() ? fallback : LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }

    @GetMapping("/agenda")
    @PreAuthorize("hasRole('PROFESSIONAL')")
    String day(@RequestParam(name = "jour", required = false) String jour, @AuthenticationPrincipal HygieUser user, Model model) {
        ProfessionalId pro = pro(user);
        if (!agendas.exists(pro)) {
            return "appointments/agenda-open";
        }
        LocalDate day = date(jour, today());
        List<AgendaEntry> entries = bookings.agenda(pro, day, day.plusDays(1));
        model.addAttribute("day", day);
        model.addAttribute("previous", day.minusDays(1));
        model.addAttribute("next", day.plusDays(1));
        model.addAttribute("entries", entries);
        model.addAttribute("names", names(entries));
        model.addAttribute("offer", directory.offer(pro).orElseThrow());
        return "appointments/agenda-day";
    }

    private Map<UUID, String> names(List<AgendaEntry> entries) {
        Map<UUID, String> names = new LinkedHashMap<>();
        for (AgendaEntry e : entries) {
            if (e.booked()) {
                names.put(e.booking().id().value(), bookings.personName(e.booking()));
            }
        }
        return names;
    }

    @PostMapping("/agenda/ouvrir")
    @PreAuthorize("hasRole('PROFESSIONAL')")
    String open(@AuthenticationPrincipal HygieUser user) {
        agendas.open(pro(user));
        return "redirect:/agenda/horaires";
    }

    public record DayColumn(LocalDate day, List<AgendaEntry> entries) {
    }

    @GetMapping("/agenda/semaine")
    @PreAuthorize("hasRole('PROFESSIONAL')")
    String week(@RequestParam(name = "debut", required = false) String debut, @AuthenticationPrincipal HygieUser user, Model model) {
        ProfessionalId pro = pro(user);
        if (!agendas.exists(pro)) {
            return "redirect:/agenda";
        }
        LocalDate monday = date(debut, today()).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<AgendaEntry> all = bookings.agenda(pro, monday, monday.plusDays(7));
        List<DayColumn> days = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            LocalDate d = monday.plusDays(i);
            days.add(new DayColumn(d, all.stream()
                    .filter(e -> e.slot().startsAt().atZone(AppointmentsFormat.FRANCE).toLocalDate().equals(d)).toList()));
        }
        model.addAttribute("monday", monday);
        model.addAttribute("previous", monday.minusWeeks(1));
        model.addAttribute("next", monday.plusWeeks(1));
        model.addAttribute("days", days);
        model.addAttribute("names", names(all));
        return "appointments/agenda-week";
    }

    @GetMapping("/agenda/rendez-vous/{id}")
    @PreAuthorize("hasRole('PROFESSIONAL')")
    String booking(@PathVariable UUID id, @AuthenticationPrincipal HygieUser user, Model model) {
        Booking b = bookings.byId(new BookingId(id)).filter(x -> bookings.mayManage(user, x))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("booking", b);
        model.addAttribute("personName", bookings.personName(b));
        model.addAttribute("marks", bookings.marksNow(b));
        return "appointments/agenda-booking";
    }

    @PostMapping("/agenda/rendez-vous/{id}/statut")
    @PreAuthorize("hasRole('PROFESSIONAL')")
    String mark(@PathVariable UUID id, @RequestParam("statut") String status, @AuthenticationPrincipal HygieUser user,
            Model model, HttpServletResponse response) {
        AppointmentStatus target;
        try {
            target = AppointmentStatus.ofFhir(status);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        return PatientAppointmentsController.transitionPage(bookings.mark(user, new BookingId(id), target),
                "/agenda/rendez-vous/" + id, model, response);
    }

    // ---- settings pages ----

    private String settings(String view, HygieUser user, Model model, List<FormError> errors) {
        ProfessionalId pro = pro(user);
        if (!agendas.exists(pro)) {
            return "redirect:/agenda";
        }
        model.addAttribute("weekly", agendas.weekly(pro));
        model.addAttribute("overrides", agendas.overrides(pro));
        model.addAttribute("absences", agendas.absences(pro));
        model.addAttribute("reasons", agendas.reasons(pro, false));
        model.addAttribute("offer", directory.offer(pro).orElseThrow());
        model.addAttribute("errors", errors);
        model.addAttribute("weekdays", weekdays());
        model.addAttribute("languages", Languages.all());
        return view;
    }

    public record Weekday(int value, String label) {
    }

    static List<Weekday> weekdays() {
        String[] names = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"};
        List<Weekday> list = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            list.add(new Weekday(i + 1, names[i]));
        }
        return list;
    }

    public static String weekdayLabel(DayOfWeek d) {
        return weekdays().get(d.getValue() - 1).label();
    }

    /** Runs a change; refused input is shown in the page's error summary with status 400. */
    private String change(String view, String success, HygieUser user, Model model, HttpServletResponse response, Supplier<Object> action) {
        if (!agendas.exists(pro(user))) {
            return "redirect:/agenda"; // no agenda yet: the settings pages send there too (a POST here answered 500)
        }
        try {
            action.get();
            return "redirect:" + success;
        } catch (RuntimeException e) {
            if (!(e instanceof RefusedInput r)) {
                throw e;
            }
            response.setStatus(400);
            return settings(view, user, model, List.of(new FormError(r.field() == null ? "contenu" : r.field(), r.getMessage())));
        }
    }

    @GetMapping("/agenda/horaires")
    @PreAuthorize("hasRole('PROFESSIONAL')")
    String hours(@AuthenticationPrincipal HygieUser user, Model model) {
        return settings("appointments/agenda-hours", user, model, List.of());
    }

    @PostMapping("/agenda/horaires")
    @PreAuthorize("hasRole('PROFESSIONAL')")
    String addHours(@RequestParam(name = "jour", defaultValue = "1") int day, @RequestParam(name = "debut", required = false) String start,
            @RequestParam(name = "fin", required = false) String end, @RequestParam(name = "duree", defaultValue = "0") int minutes,
            @AuthenticationPrincipal HygieUser user, Model model, HttpServletResponse response) {
        return change("appointments/agenda-hours", "/agenda/horaires", user, model, response, () -> agendas.addWeekly(pro(user),
                DayOfWeek.of(Math.max(1, Math.min(7, day))), time(start, "debut"), time(end, "fin"), minutes));
    }

    @PostMapping("/agenda/horaires/{id}/supprimer")
    @PreAuthorize("hasRole('PROFESSIONAL')")
    String removeHours(@PathVariable UUID id, @AuthenticationPrincipal HygieUser user) {
        agendas.removeWeekly(pro(user), id);
        return "redirect:/agenda/horaires";
    }

    @PostMapping("/agenda/exceptions")
    @PreAuthorize("hasRole('PROFESSIONAL')")
    String addOverride(@RequestParam(name = "date", required = false) String day,
            @RequestParam(name = "exDebut", required = false) String start, @RequestParam(name = "exFin", required = false) String end,
            @RequestParam(name = "exDuree", required = false) Integer minutes,
            @AuthenticationPrincipal HygieUser user, Model model, HttpServletResponse response) {
        return change("appointments/agenda-hours", "/agenda/horaires", user, model, response, () -> {
            LocalDate d = dateField(day, "date");
            return agendas.addOverride(pro(user), d, blank(start) ? null : time(start, "exDebut"),
                    blank(end) ? null : time(end, "exFin"), minutes);
        });
    }

    @PostMapping("/agenda/exceptions/{id}/supprimer")
    @PreAuthorize("hasRole('PROFESSIONAL')")
    String removeOverride(@PathVariable UUID id, @AuthenticationPrincipal HygieUser user) {
        agendas.removeOverride(pro(user), id);
        return "redirect:/agenda/horaires";
    }

    @GetMapping("/agenda/absences")
    @PreAuthorize("hasRole('PROFESSIONAL')")
    String absences(@AuthenticationPrincipal HygieUser user, Model model) {
        return settings("appointments/agenda-absences", user, model, List.of());
    }

    @PostMapping("/agenda/absences")
    @PreAuthorize("hasRole('PROFESSIONAL')")
    String addAbsence(@RequestParam(name = "debut", required = false) String from, @RequestParam(name = "fin", required = false) String to,
            @RequestParam(name = "libelle", required = false) String label,
            @AuthenticationPrincipal HygieUser user, Model model, HttpServletResponse response) {
        return change("appointments/agenda-absences", "/agenda/absences", user, model, response,
                () -> agendas.addAbsence(pro(user), instant(from, "debut"), instant(to, "fin"), label));
    }

    @PostMapping("/agenda/absences/{id}/supprimer")
    @PreAuthorize("hasRole('PROFESSIONAL')")
    String removeAbsence(@PathVariable UUID id, @AuthenticationPrincipal HygieUser user) {
        agendas.removeAbsence(pro(user), id);
        return "redirect:/agenda/absences";
    }

    @GetMapping("/agenda/motifs")
    @PreAuthorize("hasRole('PROFESSIONAL')")
    String reasons(@AuthenticationPrincipal HygieUser user, Model model) {
        return settings("appointments/agenda-reasons", user, model, List.of());
    }

    @PostMapping("/agenda/motifs")
    @PreAuthorize("hasRole('PROFESSIONAL')")
    String addReason(@RequestParam(name = "libelle", required = false) String label,
            @RequestParam(name = "duree", defaultValue = "0") int minutes, @RequestParam(name = "consignes", required = false) String instructions,
            @AuthenticationPrincipal HygieUser user, Model model, HttpServletResponse response) {
        return change("appointments/agenda-reasons", "/agenda/motifs", user, model, response,
                () -> agendas.addReason(pro(user), label, minutes, instructions));
    }

    @PostMapping("/agenda/motifs/{id}/actif")
    @PreAuthorize("hasRole('PROFESSIONAL')")
    String reasonActive(@PathVariable UUID id, @RequestParam("actif") boolean active, @AuthenticationPrincipal HygieUser user) {
        agendas.setReasonActive(pro(user), id, active);
        return "redirect:/agenda/motifs";
    }

    @GetMapping("/agenda/fiche")
    @PreAuthorize("hasRole('PROFESSIONAL')")
    String entry(@AuthenticationPrincipal HygieUser user, Model model) {
        return settings("appointments/agenda-entry", user, model, List.of());
    }

    @PostMapping("/agenda/fiche")
    @PreAuthorize("hasRole('PROFESSIONAL')")
    String saveEntry(HttpServletRequest request, @AuthenticationPrincipal HygieUser user, Model model, HttpServletResponse response) {
        String sector = request.getParameter("secteur");
        String[] langs = request.getParameterValues("langues");
        OfferUpdate u = new OfferUpdate(request.getParameter("adresse"), request.getParameter("codePostal"),
                request.getParameter("commune"), request.getParameter("telephone"),
                sector == null || sector.isBlank() ? null : Integer.valueOf(sector.replaceAll("[^0-2]", "0").substring(0, 1)),
                request.getParameter("tiersPayant") != null, request.getParameter("teleconsultation") != null,
                langs == null ? List.of() : List.of(langs), request.getParameter("fauteuil") != null,
                request.getParameter("boucle") != null, request.getParameter("services"), request.getParameter("horaires"),
                request.getParameter("publie") != null);
        return change("appointments/agenda-entry", "/agenda/fiche?enregistre", user, model, response,
                () -> agendas.updateOffer(pro(user), u));
    }

    @GetMapping("/agenda/calendrier")
    @PreAuthorize("hasRole('PROFESSIONAL')")
    String feed(@AuthenticationPrincipal HygieUser user, Model model, HttpServletRequest request) {
        ProfessionalId pro = pro(user);
        if (!agendas.exists(pro)) {
            return "redirect:/agenda";
        }
        String base = request.getScheme() + "://" + request.getServerName()
                + (request.getServerPort() == 80 || request.getServerPort() == 443 ? "" : ":" + request.getServerPort());
        model.addAttribute("feedUrl", base + "/agenda/flux/" + agendas.feedToken(pro) + ".ics");
        return "appointments/agenda-feed";
    }

    @PostMapping("/agenda/calendrier/renouveler")
    @PreAuthorize("hasRole('PROFESSIONAL')")
    String rotate(@AuthenticationPrincipal HygieUser user) {
        agendas.rotateFeedToken(pro(user));
        return "redirect:/agenda/calendrier?renouvele";
    }

    /** The private feed: no login (calendar clients cannot log in), a secret token in the address instead. */
    @GetMapping("/agenda/flux/{token}.ics")
    ResponseEntity<String> feedIcs(@PathVariable String token) {
        ProfessionalId pro = agendas.byFeedToken(token).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Instant now = clock.instant();
        List<Booking> list = bookings.ofProfessional(pro, now.minus(java.time.Duration.ofDays(30)), now.plus(java.time.Duration.ofDays(90)))
                .stream().filter(b -> b.status().holdsSlot() || b.status() == AppointmentStatus.CANCELLED).toList();
        return ResponseEntity.ok().contentType(new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8))
                .header("Cache-Control", "private, no-store")
                .body(ICalendar.feed("Agenda Hygie", list, now));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private LocalTime time(String s, String field) {
        try {
            return LocalTime.parse(s == null ? "" : s.strip());
        } catch (DateTimeParseException e) {
            throw new fr.hygie.platform.web.InvalidInput("TIME", field, texts.get("appointments.error.time"));
        }
    }

    private LocalDate dateField(String s, String field) {
        try {
            return LocalDate.parse(s == null ? "" : s.strip());
        } catch (DateTimeParseException e) {
            throw new fr.hygie.platform.web.InvalidInput("DATE", field, texts.get("appointments.error.date"));
        }
    }

    private Instant instant(String s, String field) {
        try {
            return LocalDateTime.parse(s == null ? "" : s.strip()).atZone(AppointmentsFormat.FRANCE).toInstant();
        } catch (DateTimeParseException e) {
            throw new fr.hygie.platform.web.InvalidInput("DATETIME", field, texts.get("appointments.error.dateTime"));
        }
    }
}
