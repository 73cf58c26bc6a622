package fr.hygie.web.record;

import fr.hygie.web.WebMessages;
import fr.hygie.access.Actor;
import fr.hygie.access.CareTeam;
import fr.hygie.access.ControlOutcome;
import fr.hygie.access.DocumentFacts;
import fr.hygie.access.ProfileSection;
import fr.hygie.access.EmergencyAccess;
import fr.hygie.access.NotificationChannel;
import fr.hygie.access.NotificationKind;
import fr.hygie.access.SharingSettings;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Professional;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Professionals;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalChannel;
import fr.hygie.notifications.Notifications;
import fr.hygie.record.AddOutcome;
import fr.hygie.record.ChangeOutcome;
import fr.hygie.record.DocumentFilter;
import fr.hygie.record.DocumentTypes;
import fr.hygie.record.Documents;
import fr.hygie.record.MedicalProfile;
import fr.hygie.record.NewProfileItem;
import fr.hygie.record.OrganDonation;
import fr.hygie.record.ProfileSectionKind;
import fr.hygie.record.RecordRefusal;
import fr.hygie.web.ActingFor;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The person's own space (or the space of the person a representative acts for): documents,
 * medical profile and wishes, sharing controls, "who accessed my data", notifications.
 */
@Controller
@PreAuthorize("hasAnyRole('PATIENT', 'REPRESENTATIVE')")
class PatientRecordController {

    private final WebMessages texts;

    private final ActingFor actingFor;
    private final Documents documents;
    private final MedicalProfile profile;
    private final CareTeam careTeam;
    private final SharingSettings settings;
    private final EmergencyAccess emergency;
    private final Professionals professionals;
    private final Journal journal;
    private final Notifications notifications;
    private final fr.hygie.access.AccessControl access;
    private final fr.hygie.web.Codes codes;
    private final fr.hygie.journal.FormerChains formerChains;
    private final RecordLines lines;

    PatientRecordController(ActingFor actingFor, Documents documents, MedicalProfile profile, CareTeam careTeam,
            SharingSettings settings, EmergencyAccess emergency, Professionals professionals, Journal journal,
            Notifications notifications, fr.hygie.access.AccessControl access, WebMessages texts, fr.hygie.web.Codes codes,
            fr.hygie.journal.FormerChains formerChains, RecordLines lines) {
        this.lines = lines;
        this.formerChains = formerChains;
        this.texts = texts;
        this.codes = codes;
        this.actingFor = actingFor;
        this.documents = documents;
        this.profile = profile;
        this.careTeam = careTeam;
        this.settings = settings;
        this.emergency = emergency;
        this.professionals = professionals;
        this.journal = journal;
        this.notifications = notifications;
        this.access = access;
    }

    // ------------------------------------------------------------------ documents

    @GetMapping("/dossier")
    String documents(@AuthenticationPrincipal HygieUser user, HttpSession session,
            @RequestParam(name = "classe", required = false) String documentClass,
            @RequestParam(name = "q", required = false) String text,
            @RequestParam(name = "du", required = false) String from, @RequestParam(name = "au", required = false) String to,
            Model model) {
        Optional<PatientId> subject = actingFor.subject(user, session);
        if (subject.isEmpty()) {
            return "redirect:/agir-pour";
        }
        DocumentFilter filter = new DocumentFilter(documentClass, null, date(from), date(to), text, false);
        // The list and the « Ajouter » question from the same facts (issue 13); the question journals nothing.
        Documents.Listed listed = documents.listForPage(actor(user, session), subject.get(), filter, JournalChannel.WEB);
        model.addAttribute("documents", lines.documents(listed.documents(), "/dossier/documents/"));
        model.addAttribute("classes", lines.classOptions(documentClass));
        model.addAttribute("classe", documentClass);
        model.addAttribute("q", text);
        model.addAttribute("du", from);
        model.addAttribute("au", to);
        // The link to the add form only where adding would be permitted (docs/security.md, « Pages that offer an action »).
        model.addAttribute("mayAdd", listed.mayAdd());
        return "patient/documents";
    }

    @GetMapping("/dossier/documents/{id}")
    String document(@PathVariable String id, @AuthenticationPrincipal HygieUser user, HttpSession session, Model model) {
        var content = documents.read(actor(user, session), ProfessionalRecordController.documentId(id), JournalChannel.WEB)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("doc", content.summary());
        model.addAttribute("text", DocumentDownloads.inlineText(content));
        // Masking and deleting need « Gérer le partage » of a representative: the form and the link to the deletion's page
        // (which answers 404 to him, as its POST does) only where they would be permitted.
        model.addAttribute("mayChange", access.wouldPermit(actor(user, session), content.summary().patient(), JournalAction.MASK,
                DocumentFacts.OBJECT_TYPE));
        return "patient/document";
    }

    @GetMapping("/dossier/documents/{id}/contenu")
    void download(@PathVariable String id, @AuthenticationPrincipal HygieUser user, HttpSession session,
            HttpServletResponse response) throws IOException {
        DocumentDownloads.send(documents.file(actor(user, session), ProfessionalRecordController.documentId(id), JournalChannel.WEB)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)), response);
    }

    @PostMapping("/dossier/documents/{id}/masquer")
    String mask(@PathVariable String id, @RequestParam boolean masque, @AuthenticationPrincipal HygieUser user,
            HttpSession session, RedirectAttributes redirect) {
        ChangeOutcome outcome = documents.mask(actor(user, session), ProfessionalRecordController.documentId(id), masque, JournalChannel.WEB);
        if (outcome instanceof ChangeOutcome.NotFound) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("message", masque ? texts.get("patient.flash.masked")
                : texts.get("patient.flash.unmasked"));
        return "redirect:/dossier/documents/" + id;
    }

    @GetMapping("/dossier/documents/{id}/supprimer")
    String confirmDelete(@PathVariable String id, @AuthenticationPrincipal HygieUser user, HttpSession session, Model model) {
        // Refused as the POST is (404 where the deletion would be refused: a representative without the mandate's right
        // to change the record), not only where the document is hidden (docs/security.md, « Confirmation pages »).
        model.addAttribute("doc", documents.summaryBeforeDelete(actor(user, session), ProfessionalRecordController.documentId(id),
                JournalChannel.WEB).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return "patient/delete";
    }

    @PostMapping("/dossier/documents/{id}/supprimer")
    String delete(@PathVariable String id, @AuthenticationPrincipal HygieUser user, HttpSession session, RedirectAttributes redirect) {
        ChangeOutcome outcome = documents.delete(actor(user, session), ProfessionalRecordController.documentId(id), JournalChannel.WEB);
        if (outcome instanceof ChangeOutcome.NotFound) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("message", texts.get("patient.flash.deleted"));
        return "redirect:/dossier";
    }

    @GetMapping("/dossier/ajouter")
    String addForm(@AuthenticationPrincipal HygieUser user, HttpSession session, Model model) {
        // The form of nobody's record: refused as its POST is (404) when the session acts for no one.
        PatientId subject = subject(user, session);
        // A representative whose mandate does not allow adding (« Gérer le partage ») is told so instead of being offered a
        // form whose POST refuses him (docs/security.md, « Pages that offer an action »).
        model.addAttribute("mayAdd", access.wouldPermit(actor(user, session), subject, JournalAction.CREATE, DocumentFacts.OBJECT_TYPE));
        model.addAttribute("form", new DocumentForm());
        model.addAttribute("types", DocumentTypes.bundled().all());
        return "patient/add";
    }

    @PostMapping("/dossier/ajouter")
    String add(@ModelAttribute("form") DocumentForm form, @AuthenticationPrincipal HygieUser user, HttpSession session,
            Model model, RedirectAttributes redirect) {
        PatientId subject = subject(user, session);
        try {
            form.setInvisibleToPatient(false);
            form.setInvisibleToLegalRepresentatives(false);
            var doc = form.toDocument(subject, texts.get("record.dateFormat"));
            if (form.errors.isEmpty()) {
                AddOutcome outcome = documents.add(actor(user, session), doc, JournalChannel.WEB);
                if (outcome instanceof AddOutcome.Added) {
                    redirect.addFlashAttribute("message", texts.get("patient.flash.added"));
                    return "redirect:/dossier";
                }
                AddOutcome.Refused refused = (AddOutcome.Refused) outcome;
                form.errors.put("type", codes.say(refused.wording(), java.util.List.of(), refused.message()));
            }
        } catch (RecordRefusal e) {
            form.errors.put(e.field() == null ? "type" : e.field(), codes.say(e.wording(), e.args(), e.getMessage()));
        }
        model.addAttribute("types", DocumentTypes.bundled().all());
        return "patient/add";
    }

    // ------------------------------------------------------------------ profile and wishes

    @GetMapping("/profil")
    String profile(@AuthenticationPrincipal HygieUser user, HttpSession session, Model model) {
        Optional<PatientId> subject = actingFor.subject(user, session);
        if (subject.isEmpty()) {
            return "redirect:/agir-pour";
        }
        var view = profile.view(actor(user, session), subject.get(), JournalChannel.WEB);
        model.addAttribute("profile", view);
        model.addAttribute("profileLines", lines.profile(view));
        model.addAttribute("donations", OrganDonation.values());
        // Its three forms (a measurement, the wishes, a person to contact) change the profile: shown only where their POST
        // would be permitted; a representative without « Gérer le partage » reads the wishes instead (docs/security.md,
        // « Pages that offer an action »).
        model.addAttribute("mayChange", access.wouldPermit(actor(user, session), subject.get(), JournalAction.UPDATE,
                ProfileSection.ADVANCE_DIRECTIVES));
        return "patient/profile";
    }

    @PostMapping("/profil/volontes")
    String wishes(@RequestParam(defaultValue = "") String directives, @RequestParam(required = false) String don,
            @AuthenticationPrincipal HygieUser user, HttpSession session, RedirectAttributes redirect) {
        OrganDonation donation = don == null || don.isBlank() ? null : choice(OrganDonation.class, don);
        // The record's refusals (directives longer than 20,000 characters) are said on the page, as for a measurement; they
        // escaped as a 500 (session 6, found by reading the forms a representative uses).
        try {
            boolean ok = profile.updateWishes(actor(user, session), subject(user, session), directives, donation, JournalChannel.WEB);
            redirect.addFlashAttribute(ok ? "message" : "error", ok ? texts.get("patient.flash.wishesSaved")
                    : texts.get("patient.flash.wishesRefused"));
        } catch (RecordRefusal e) {
            redirect.addFlashAttribute("error", codes.say(e.wording(), e.args(), e.getMessage()));
        }
        return "redirect:/profil";
    }

    @PostMapping("/profil/mesures")
    String measurement(@RequestParam String mesure, @RequestParam(defaultValue = "") String valeur,
            @RequestParam(defaultValue = "") String date, @AuthenticationPrincipal HygieUser user, HttpSession session,
            RedirectAttributes redirect) {
        Map<String, String[]> kinds = Map.of("poids", new String[] {"29463-7", "Poids", "kg"},
                "taille", new String[] {"8302-2", "Taille", "cm"},
                "glycemie", new String[] {"2339-0", "Glycémie capillaire", "g/L"},
                "systolique", new String[] {"8480-6", "Pression artérielle systolique", "mm[Hg]"},
                "diastolique", new String[] {"8462-4", "Pression artérielle diastolique", "mm[Hg]"});
        String[] kind = kinds.get(mesure);
        BigDecimal value;
        LocalDate day;
        try {
            value = new BigDecimal(valeur.replace(',', '.').trim());
            day = date.isBlank() ? LocalDate.now() : LocalDate.parse(date);
        } catch (NumberFormatException | DateTimeParseException e) {
            redirect.addFlashAttribute("error", texts.get("patient.flash.measureFormat"));
            return "redirect:/profil";
        }
        if (kind == null || value.signum() <= 0) {
            redirect.addFlashAttribute("error", texts.get("patient.flash.measureMissing"));
            return "redirect:/profil";
        }
        try {
            boolean ok = profile.add(actor(user, session), subject(user, session), new NewProfileItem(ProfileSectionKind.MEASUREMENTS,
                    "LOINC", kind[0], kind[1], value, kind[2], day, null), JournalChannel.WEB);
            redirect.addFlashAttribute(ok ? "message" : "error", ok ? texts.get("patient.flash.measureSaved") : texts.get("patient.flash.measureRefused"));
        } catch (RecordRefusal e) {
            redirect.addFlashAttribute("error", codes.say(e.wording(), e.args(), e.getMessage()));
        }
        return "redirect:/profil";
    }

    @PostMapping("/profil/contacts")
    String contact(@RequestParam(defaultValue = "") String nom, @RequestParam(defaultValue = "") String telephone,
            @RequestParam(defaultValue = "A_PREVENIR") String type, @RequestParam(defaultValue = "") String lien,
            @AuthenticationPrincipal HygieUser user, HttpSession session, RedirectAttributes redirect) {
        try {
            boolean ok = profile.addContact(actor(user, session), subject(user, session), type, nom, telephone, lien, JournalChannel.WEB);
            redirect.addFlashAttribute(ok ? "message" : "error", ok ? texts.get("patient.flash.contactAdded") : texts.get("patient.flash.contactRefused"));
        } catch (RecordRefusal e) {
            redirect.addFlashAttribute("error", codes.say(e.wording(), e.args(), e.getMessage()));
        }
        return "redirect:/profil";
    }

    // ------------------------------------------------------------------ sharing

    @GetMapping("/partage")
    String sharing(@AuthenticationPrincipal HygieUser user, HttpSession session,
            @RequestParam(name = "nom", required = false) String search, Model model) {
        Optional<PatientId> subject = actingFor.subject(user, session);
        if (subject.isEmpty()) {
            return "redirect:/agir-pour";
        }
        Actor actor = actor(user, session);
        var team = careTeam.careTeamOf(actor, subject.get(), JournalChannel.WEB);
        if (team.isEmpty()) {
            model.addAttribute("forbidden", true);
            return "patient/sharing";
        }
        model.addAttribute("team", team.get());
        model.addAttribute("names", names(team.get()));
        model.addAttribute("settings", settings.settingsOf(actor, subject.get(), JournalChannel.WEB).orElseThrow());
        model.addAttribute("kinds", NotificationKind.values());
        model.addAttribute("channels", NotificationChannel.values());
        model.addAttribute("nom", search);
        if (search != null && !search.isBlank()) {
            model.addAttribute("found", professionals.searchByName(search, 20));
        }
        return "patient/sharing";
    }

    @PostMapping("/partage/{action}")
    String share(@PathVariable String action, @RequestParam(required = false) String professionnel,
            @RequestParam(required = false) Boolean valeur, @RequestParam(required = false) String type,
            @RequestParam(required = false) String canal,
            @AuthenticationPrincipal HygieUser user, HttpSession session, RedirectAttributes redirect) {
        Actor actor = actor(user, session);
        PatientId subject = subject(user, session);
        ProfessionalId pro = professionnel == null ? null : parsePro(professionnel);
        ControlOutcome outcome = switch (action) {
            case "autoriser" -> careTeam.authorise(actor, subject, require(pro), JournalChannel.WEB);
            case "retirer" -> careTeam.revokeAuthorisation(actor, subject, require(pro), JournalChannel.WEB);
            case "bloquer" -> careTeam.block(actor, subject, require(pro), JournalChannel.WEB);
            case "debloquer" -> careTeam.unblock(actor, subject, require(pro), JournalChannel.WEB);
            case "urgence" -> settings.setEmergencyAccessAllowed(actor, subject, Boolean.TRUE.equals(valeur), JournalChannel.WEB);
            case "equipe" -> settings.setShareAdditionsWithCareTeam(actor, subject, Boolean.TRUE.equals(valeur), JournalChannel.WEB);
            case "notifications" -> settings.setNotificationPreference(actor, subject, choice(NotificationKind.class, type),
                    choice(NotificationChannel.class, canal), Boolean.TRUE.equals(valeur), JournalChannel.WEB);
            default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        };
        redirect.addFlashAttribute(outcome.done() ? "message" : "error", outcome.done() ? texts.get("common.saved")
                : outcome.wording() == null ? outcome.message() : texts.get(fr.hygie.web.Codes.key(outcome.wording(), null)));
        return "redirect:/partage";
    }

    // ------------------------------------------------------------------ journal and notifications

    @GetMapping("/journal")
    String journal(@AuthenticationPrincipal HygieUser user, HttpSession session,
            @RequestParam(name = "page", defaultValue = "0") int page, @RequestParam(name = "ancienne", required = false) String ancienne,
            @RequestParam(name = "pageAncienne", defaultValue = "0") int pageAncienne, Model model) {
        Optional<PatientId> subject = actingFor.subject(user, session);
        if (subject.isEmpty()) {
            return "redirect:/agir-pour";
        }
        Actor actor = actor(user, session);
        // Reading one's journal is itself an access, decided and journaled like any other.
        if (access.checkPatientAction(actor, subject.get(), JournalAction.READ, "AuditEvent", JournalChannel.WEB).denied()) {
            model.addAttribute("forbidden", true);
            return "patient/journal";
        }
        int size = 50;
        int p = Math.max(0, page);
        model.addAttribute("entries", journal.forPatient(subject.get().value(), p * size, size));
        long total = journal.countForPatient(subject.get().value());
        model.addAttribute("page", p);
        model.addAttribute("hasNext", (long) (p + 1) * size < total);
        model.addAttribute("unseen", emergency.unseenEmergencyAccesses(actor, subject.get(), JournalChannel.WEB));
        // The journals of the platforms the person moved from (« réversibilité »), read-only, each verified as it is read
        // (the whole chain, whatever page is shown), each paged on its own like the entries above: the section named by
        // « ancienne » shows its page « pageAncienne », the others their newest entries.
        model.addAttribute("formerJournals", formerChains.of(subject.get().value()).stream()
                .map(f -> FormerJournal.of(f, f.id().toString().equals(ancienne) ? pageAncienne : 0, size, p)).toList());
        return "patient/journal";
    }

    /**
     * One page of a former platform's journal as the page shows it: newest entry first, whether its chain verifies
     * now, and the links to its newer and older entries (null when there are none), which keep the page of the
     * entries above and land on the section.
     */
    public record FormerJournal(java.util.UUID id, String keyId, java.time.Instant importedAt, java.time.Instant checkpointAt,
            boolean intact, java.util.List<fr.hygie.journal.JournalEntry> entries, long total, String newerHref, String olderHref) {

        static FormerJournal of(fr.hygie.journal.FormerChain f, int page, int size, int ownPage) {
            java.util.List<fr.hygie.journal.ChainEntry> all = f.chain().entries();
            int n = all.size();
            int p = Math.max(0, Math.min(page, n == 0 ? 0 : (n - 1) / size));
            java.util.List<fr.hygie.journal.JournalEntry> entries = new java.util.ArrayList<>();
            for (int i = p * size; i < Math.min(n, (p + 1) * size); i++) {
                entries.add(all.get(n - 1 - i).toEntry()); // newest first
            }
            java.util.function.IntFunction<String> href = q -> "/journal?page=" + ownPage + "&ancienne=" + f.id() + "&pageAncienne=" + q
                    + "#ancienne-" + f.id();
            return new FormerJournal(f.id(), f.keyId(), f.importedAt(), f.chain().seal().at(), f.intact(), entries, n,
                    p > 0 ? href.apply(p - 1) : null, (long) (p + 1) * size < n ? href.apply(p + 1) : null);
        }
    }

    @PostMapping("/journal/vu")
    String acknowledge(@AuthenticationPrincipal HygieUser user, HttpSession session, RedirectAttributes redirect) {
        emergency.acknowledge(actor(user, session), subject(user, session), JournalChannel.WEB);
        redirect.addFlashAttribute("message", texts.get("patient.flash.acknowledged"));
        return "redirect:/journal";
    }

    @GetMapping("/notifications")
    String notifications(@AuthenticationPrincipal HygieUser user, HttpSession session, Model model) {
        Optional<PatientId> subject = actingFor.subject(user, session);
        if (subject.isEmpty()) {
            return "redirect:/agir-pour";
        }
        model.addAttribute("notifications", notifications.of(subject.get(), 100));
        return "patient/notifications";
    }

    @PostMapping("/notifications/lues")
    String read(@AuthenticationPrincipal HygieUser user, HttpSession session) {
        PatientId subject = subject(user, session);
        // A representative reading the notifications does not mark them read for the person.
        if (!actor(user, session).representing()) {
            notifications.markAllRead(subject);
        }
        return "redirect:/notifications";
    }

    // ------------------------------------------------------------------------------------------

    private Actor actor(HygieUser user, HttpSession session) {
        return actingFor.currentActor(user, session);
    }

    private PatientId subject(HygieUser user, HttpSession session) {
        return actingFor.subject(user, session).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private Map<ProfessionalId, String> names(fr.hygie.access.CareTeamMembers team) {
        Map<ProfessionalId, String> names = new LinkedHashMap<>();
        team.treatingPhysician().ifPresent(t -> names.put(t.professional(), name(t.professional())));
        team.authorised().forEach(a -> names.put(a.professional(), name(a.professional())));
        team.blocked().forEach(b -> names.put(b.professional(), name(b.professional())));
        return names;
    }

    private String name(ProfessionalId id) {
        return professionals.byId(id).map(Professional::displayName).orElse("professionnel");
    }

    private static ProfessionalId parsePro(String id) {
        try {
            return ProfessionalId.of(id);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
    }

    /**
     * One of the choices a page offers (notification kind and channel, organ donation); anything else (a changed form) is
     * a 400, not a 500 (session 6, found by reading the forms a representative uses: {@code valueOf} of a missing or
     * unknown name threw before any decision).
     */
    private static <E extends Enum<E>> E choice(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name == null ? "" : name);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
    }

    private static ProfessionalId require(ProfessionalId id) {
        if (id == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        return id;
    }

    private static LocalDate date(String s) {
        try {
            return s == null || s.isBlank() ? null : LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

}
