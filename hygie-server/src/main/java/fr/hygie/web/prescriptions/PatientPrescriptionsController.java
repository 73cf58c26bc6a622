package fr.hygie.web.prescriptions;

import fr.hygie.access.Actor;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.StructureId;
import fr.hygie.journal.JournalChannel;
import fr.hygie.prescriptions.PrescriptionId;
import fr.hygie.prescriptions.PrescriptionRefusal;
import fr.hygie.prescriptions.PrescriptionView;
import fr.hygie.prescriptions.Prescriptions;
import fr.hygie.web.WebMessages;
import fr.hygie.prescriptions.QrPayload;
import fr.hygie.web.ActingFor;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The person's prescriptions (« Mes ordonnances »), or those of the person a representative acts for:
 * list, one prescription with its QR code and printable PDF, sending it to a pharmacy, the receipt and
 * its verification, and the objection to prescribers seeing what was dispensed.
 */
@Controller
@PreAuthorize("hasAnyRole('PATIENT', 'REPRESENTATIVE')")
class PatientPrescriptionsController {

    private final ActingFor actingFor;
    private final Prescriptions prescriptions;
    private final WebMessages texts;
    private final fr.hygie.access.AccessControl access;

    PatientPrescriptionsController(ActingFor actingFor, Prescriptions prescriptions, fr.hygie.access.AccessControl access, WebMessages texts) {
        this.access = access;
        this.texts = texts;
        this.actingFor = actingFor;
        this.prescriptions = prescriptions;
    }

    @GetMapping("/ordonnances")
    String list(@AuthenticationPrincipal HygieUser user, HttpSession session, Model model) {
        Optional<PatientId> subject = actingFor.subject(user, session);
        if (subject.isEmpty()) {
            return "redirect:/agir-pour";
        }
        Actor actor = actingFor.currentActor(user, session);
        model.addAttribute("prescriptions", prescriptions.ofPatient(actor, subject.get(), JournalChannel.WEB));
        model.addAttribute("objects", prescriptions.objects(subject.get()));
        // The objection is a setting (« Gérer le partage » for a representative): its form only where its POST would be
        // permitted (docs/security.md, « Pages that offer an action »).
        model.addAttribute("mayChange", access.wouldPermit(actor, subject.get(), fr.hygie.journal.JournalAction.SETTINGS_CHANGE,
                Prescriptions.DISPENSE));
        return "prescriptions/patient-list";
    }

    @GetMapping("/ordonnances/{id}")
    String show(@PathVariable String id, @AuthenticationPrincipal HygieUser user, HttpSession session, Model model) {
        PatientId subject = actingFor.subject(user, session).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Actor actor = actingFor.currentActor(user, session);
        PrescriptionId pid = id(id);
        PrescriptionView view = prescriptions.forPatient(actor, subject, pid, JournalChannel.WEB)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("v", view);
        model.addAttribute("p", view.prescription());
        model.addAttribute("qr", prescriptions.qr(actor, pid, JournalChannel.WEB).orElse(null));
        model.addAttribute("pharmacies", prescriptions.pharmaciesUsed(subject));
        return "prescriptions/patient-show";
    }

    @GetMapping("/ordonnances/{id}/qr.png")
    ResponseEntity<byte[]> qr(@PathVariable String id, @AuthenticationPrincipal HygieUser user, HttpSession session) {
        QrPayload payload = prescriptions.qr(actingFor.currentActor(user, session), id(id), JournalChannel.WEB)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noStore())
                .body(Prescriptions.qrPng(payload));
    }

    @GetMapping("/ordonnances/{id}/ordonnance.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String id, @AuthenticationPrincipal HygieUser user, HttpSession session) {
        byte[] pdf = prescriptions.pdf(actingFor.currentActor(user, session), id(id), JournalChannel.WEB)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return pdfResponse(pdf);
    }

    @PostMapping("/ordonnances/{id}/envoi")
    String send(@PathVariable String id, @RequestParam(name = "pharmacie", required = false) String pharmacy,
            @AuthenticationPrincipal HygieUser user, HttpSession session) {
        PatientId subject = actingFor.subject(user, session).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        StructureId structure;
        try {
            structure = new StructureId(UUID.fromString(pharmacy == null ? "" : pharmacy));
        } catch (IllegalArgumentException e) {
            structure = null;
        }
        prescriptions.sendTo(actingFor.currentActor(user, session), subject, id(id), structure, JournalChannel.WEB);
        return "redirect:/ordonnances/" + id + "?envoyee";
    }

    @PostMapping("/ordonnances/objection")
    String objection(@RequestParam(name = "opposition", defaultValue = "false") boolean objects,
            @AuthenticationPrincipal HygieUser user, HttpSession session) {
        PatientId subject = actingFor.subject(user, session).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        prescriptions.setObjection(actingFor.currentActor(user, session), subject, objects, JournalChannel.WEB);
        return "redirect:/ordonnances?reglage";
    }

    @ExceptionHandler(PrescriptionRefusal.class)
    ModelAndView refused(PrescriptionRefusal refusal) {
        return RefusalPages.page(refusal, "/ordonnances", texts);
    }

    static ResponseEntity<byte[]> pdfResponse(byte[] pdf) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).cacheControl(CacheControl.noStore())
                .header("Content-Disposition", ContentDisposition.attachment().filename("ordonnance.pdf").build().toString())
                .body(pdf);
    }

    static PrescriptionId id(String raw) {
        return PrescriptionId.parse(raw).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
