package fr.hygie.web.record;

import fr.hygie.web.WebMessages;
import fr.hygie.access.Actor;
import fr.hygie.access.EmergencyAccess;
import fr.hygie.access.EmergencyKind;
import fr.hygie.access.EmergencyOpening;
import fr.hygie.access.EmergencySession;
import fr.hygie.access.Regulators;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.InsMatricule;
import fr.hygie.identity.InvalidIdentifier;
import fr.hygie.identity.Patient;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.journal.JournalChannel;
import fr.hygie.record.AddOutcome;
import fr.hygie.record.DocumentFilter;
import fr.hygie.record.DocumentId;
import fr.hygie.record.Documents;
import fr.hygie.record.RecordOverview;
import fr.hygie.record.RecordRefusal;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The professional's side of the record: find a person, open what the policy allows, add a document,
 * open an emergency access with a written justification. Every read goes through the record module,
 * hence through the access policy and the journal.
 */
@Controller
@RequestMapping("/pro/patients")
@PreAuthorize("hasRole('PROFESSIONAL')")
class ProfessionalRecordController {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH'h'mm").withZone(ZoneId.of("Europe/Paris"));

    private final WebMessages texts;

    private final Patients patients;
    private final Documents documents;
    private final RecordOverview overviews;
    private final EmergencyAccess emergency;
    private final Regulators regulators;
    private final Clock clock;
    private final fr.hygie.web.Codes codes;
    private final RecordLines lines;
    private final DocumentTypeOptions typeOptions;

    ProfessionalRecordController(Patients patients, Documents documents, RecordOverview overviews, EmergencyAccess emergency,
            Regulators regulators, Clock clock, WebMessages texts, fr.hygie.web.Codes codes, RecordLines lines,
            DocumentTypeOptions typeOptions) {
        this.lines = lines;
        this.texts = texts;
        this.typeOptions = typeOptions;
        this.codes = codes;
        this.patients = patients;
        this.documents = documents;
        this.overviews = overviews;
        this.emergency = emergency;
        this.regulators = regulators;
        this.clock = clock;
    }

    @GetMapping
    String search(@RequestParam(required = false) String nom, @RequestParam(required = false) String prenom,
            @RequestParam(name = "naissance", required = false) String birth, Model model) {
        model.addAttribute("nom", nom);
        model.addAttribute("prenom", prenom);
        model.addAttribute("naissance", birth);
        if (nom != null && !nom.isBlank()) {
            try {
                model.addAttribute("results", patients.searchByTraits(nom, prenom, LocalDate.parse(birth == null ? "" : birth), 20));
            } catch (DateTimeParseException e) {
                model.addAttribute("searchError", texts.get("pro.flash.birthDateFormat"));
            }
        }
        return "pro/search";
    }

    /** Search by INS matricule: sent in the body of a POST, never in a URL. */
    @PostMapping("/ins")
    String searchByIns(@RequestParam String matricule, Model model) {
        try {
            InsMatricule ins = InsMatricule.parse(matricule);
            Optional<PatientId> found = patients.byMatricule(ins.value());
            if (found.isPresent()) {
                return "redirect:/pro/patients/" + found.get();
            }
            model.addAttribute("insError", texts.get("pro.flash.unknownIns"));
        } catch (InvalidIdentifier e) {
            model.addAttribute("insError", e.getMessage());
        }
        return "pro/search";
    }

    @GetMapping("/{id}")
    String record(@PathVariable String id, @AuthenticationPrincipal HygieUser user, Model model) {
        Patient patient = patient(id);
        Actor actor = Actor.of(user);
        model.addAttribute("patient", patient);
        // « 47 ans, né(e) le 01/01/1970. »: the same message and arguments the template formatted (issue 13).
        model.addAttribute("ageLine", texts.get("pro.record.t0AnsE1", patient.ageOn(LocalDate.now(clock)),
                RecordLines.date(patient.birthDate())));
        // Documents and profile decided together, journaled in one write before the page shows them (issue 13).
        RecordOverview.Overview overview = overviews.of(actor, patient.id(), DocumentFilter.all(), JournalChannel.WEB);
        model.addAttribute("documents", lines.documents(overview.documents(), "/pro/patients/" + patient.id() + "/documents/"));
        model.addAttribute("profileLines", lines.profile(overview.profile()));
        emergencyBanner(user, patient.id(), model);
        return "pro/record";
    }

    @GetMapping("/{id}/documents/{docId}")
    String document(@PathVariable String id, @PathVariable String docId, @AuthenticationPrincipal HygieUser user, Model model) {
        Patient patient = patient(id);
        var content = documents.read(Actor.of(user), documentId(docId), JournalChannel.WEB)
                .filter(d -> d.summary().patient().equals(patient.id()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("patient", patient);
        model.addAttribute("doc", content.summary());
        model.addAttribute("text", DocumentDownloads.inlineText(content));
        emergencyBanner(user, patient.id(), model);
        return "pro/document";
    }

    @GetMapping("/{id}/documents/{docId}/contenu")
    void download(@PathVariable String id, @PathVariable String docId, @AuthenticationPrincipal HygieUser user,
            HttpServletResponse response) throws IOException {
        // The person's row is not read (issue 13: one statement less per download): the document, once the policy
        // permitted it, must be this person's, else 404 as for a document that does not exist or is refused.
        PatientId patient = patientId(id);
        // The content without the title, which a download does not show (one data key fewer to unwrap, issue 13).
        DocumentDownloads.send(documents.file(Actor.of(user), documentId(docId), JournalChannel.WEB)
                .filter(d -> d.patient().equals(patient))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)), response);
    }

    @GetMapping("/{id}/ajouter")
    String addForm(@PathVariable String id, @AuthenticationPrincipal HygieUser user, Model model) {
        Patient patient = patient(id);
        DocumentForm form = new DocumentForm();
        model.addAttribute("form", form);
        return addPage(user, patient, form, model);
    }

    @PostMapping("/{id}/ajouter")
    String add(@PathVariable String id, @AuthenticationPrincipal HygieUser user, @ModelAttribute("form") DocumentForm form,
            Model model, RedirectAttributes redirect) {
        Patient patient = patient(id);
        try {
            var doc = form.toDocument(patient.id(), texts.get("record.dateFormat"));
            if (form.errors.isEmpty()) {
                AddOutcome outcome = documents.add(Actor.of(user), doc, JournalChannel.WEB);
                if (outcome instanceof AddOutcome.Added) {
                    redirect.addFlashAttribute("message", texts.get("pro.flash.documentAdded"));
                    return "redirect:/pro/patients/" + patient.id();
                }
                AddOutcome.Refused refused = (AddOutcome.Refused) outcome;
                form.errors.put("type", codes.say(refused.wording(), java.util.List.of(), refused.message()));
            }
        } catch (RecordRefusal e) {
            form.errors.put(e.field() == null ? "type" : e.field(), codes.say(e.wording(), e.args(), e.getMessage()));
        }
        return addPage(user, patient, form, model);
    }

    /**
     * The add form's model: the type list comes rendered (once per language, {@link DocumentTypeOptions}) and the
     * record's address is built here, not by expressions evaluated on every form page (issue 13, the form is half of
     * the requests of an upload).
     */
    private String addPage(HygieUser user, Patient patient, DocumentForm form, Model model) {
        model.addAttribute("patient", patient);
        String recordUrl = "/pro/patients/" + patient.id();
        model.addAttribute("recordUrl", recordUrl);
        model.addAttribute("addUrl", recordUrl + "/ajouter");
        model.addAttribute("typeOptions", typeOptions.html(form.getType()));
        emergencyBanner(user, patient.id(), model);
        return "pro/add";
    }

    @GetMapping("/{id}/urgence")
    String emergencyForm(@PathVariable String id, @AuthenticationPrincipal HygieUser user, Model model) {
        Patient patient = patient(id);
        model.addAttribute("patient", patient);
        model.addAttribute("regulator", user.professionalId().map(regulators::isRegulator).orElse(false));
        return "pro/emergency";
    }

    @PostMapping("/{id}/urgence")
    String openEmergency(@PathVariable String id, @AuthenticationPrincipal HygieUser user,
            @RequestParam(defaultValue = "") String justification, @RequestParam(defaultValue = "BRIS_DE_GLACE") String kind,
            Model model, RedirectAttributes redirect) {
        Patient patient = patient(id);
        EmergencyKind emergencyKind = "REGULATION_CENTRE_15".equals(kind) ? EmergencyKind.REGULATION_CENTRE_15 : EmergencyKind.BRIS_DE_GLACE;
        EmergencyOpening opening = emergency.openEmergencySession(Actor.of(user), patient.id(), justification, emergencyKind,
                JournalChannel.WEB);
        if (opening instanceof EmergencyOpening.Opened opened) {
            redirect.addFlashAttribute("message", texts.get("pro.flash.emergencyOpened", TIME.format(opened.session().expiresAt())));
            return "redirect:/pro/patients/" + patient.id();
        }
        model.addAttribute("patient", patient);
        model.addAttribute("justification", justification);
        model.addAttribute("regulator", user.professionalId().map(regulators::isRegulator).orElse(false));
        EmergencyOpening.Refused refused = (EmergencyOpening.Refused) opening;
        model.addAttribute("error", codes.say(refused.wording(), refused.args(), refused.message()));
        return "pro/emergency";
    }

    private void emergencyBanner(HygieUser user, PatientId patient, Model model) {
        Optional<EmergencySession> session = user.professionalId().flatMap(p -> emergency.activeSession(p, patient));
        session.ifPresent(s -> model.addAttribute("emergencyUntil", TIME.format(s.expiresAt())));
    }

    private Patient patient(String id) {
        return patients.byId(patientId(id)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static PatientId patientId(String id) {
        try {
            return PatientId.of(id);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    static DocumentId documentId(String id) {
        try {
            return DocumentId.of(id);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

}
