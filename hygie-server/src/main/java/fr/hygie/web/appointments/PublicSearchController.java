package fr.hygie.web.appointments;

import fr.hygie.web.WebMessages;
import fr.hygie.appointments.Directory;
import fr.hygie.appointments.PractitionerOffer;
import fr.hygie.appointments.SearchResult;
import fr.hygie.appointments.Slot;
import fr.hygie.identity.ProfessionalId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** Public pages without login: the search of the care offer and each practitioner's page with free slots. */
@Controller
class PublicSearchController {

    private final WebMessages texts;

    private final Directory directory;
    private final Clock clock;
    private final SearchCards cards;
    private final SearchOptions options;

    PublicSearchController(Directory directory, Clock clock, WebMessages texts, SearchCards cards, SearchOptions options) {

        this.texts = texts;
        this.directory = directory;
        this.clock = clock;
        this.cards = cards;
        this.options = options;
    }

    @GetMapping("/rendez-vous")
    String search(@ModelAttribute("form") SearchForm form, Model model) {
        search(form, model, "/rendez-vous/creneau/");
        return "appointments/search";
    }

    /** Shared with the counter's search: fills the model with results whose slot links start with {@code slotBase}. */
    void search(SearchForm form, Model model, String slotBase) {
        model.addAttribute("whatOptions", options.whatHtml(form.quoi()));
        model.addAttribute("languageOptions", options.languagesHtml(form.langue()));
        if (!form.submitted()) {
            return;
        }
        if (form.badDate()) {
            model.addAttribute("errors", List.of(new FormError("avant", texts.get("appointments.error.before"))));
            return;
        }
        SearchResult result = directory.search(form.criteria(), clock.instant());
        model.addAttribute("result", result);
        model.addAttribute("cards", cards.of(result, slotBase));
        if (!result.placeFound()) {
            model.addAttribute("errors", List.of(new FormError("lieu", result.placeProblem())));
        }
    }

    @GetMapping("/rendez-vous/praticien/{id}")
    String practitioner(@PathVariable UUID id, @RequestParam(name = "semaine", defaultValue = "0") int week, Model model) {
        PractitionerOffer offer = directory.offer(new ProfessionalId(id)).filter(PractitionerOffer::published)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        int w = Math.max(0, Math.min(week, 7));
        LocalDate first = LocalDate.now(clock.withZone(AppointmentsFormat.FRANCE)).plusWeeks(w);
        Instant from = w == 0 ? clock.instant() : first.atStartOfDay(AppointmentsFormat.FRANCE).toInstant();
        Instant to = first.plusWeeks(1).atStartOfDay(AppointmentsFormat.FRANCE).toInstant();
        Map<LocalDate, List<Slot>> byDay = new LinkedHashMap<>();
        for (Slot s : directory.freeSlots(offer.professional(), from, to, 500)) {
            byDay.computeIfAbsent(s.startsAt().atZone(AppointmentsFormat.FRANCE).toLocalDate(), d -> new java.util.ArrayList<>()).add(s);
        }
        model.addAttribute("offer", offer);
        model.addAttribute("days", byDay);
        model.addAttribute("week", w);
        model.addAttribute("slotBase", "/rendez-vous/creneau/");
        return "appointments/practitioner";
    }
}
