package fr.hygie.web.prescriptions;

import fr.hygie.web.WebMessages;
import fr.hygie.access.Actor;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.journal.JournalChannel;
import fr.hygie.prescriptions.Formulary;
import fr.hygie.prescriptions.PrescriptionId;
import fr.hygie.prescriptions.PrescriptionKind;
import fr.hygie.prescriptions.PrescriptionRefusal;
import fr.hygie.prescriptions.PrescriptionView;
import fr.hygie.prescriptions.Prescriptions;
import fr.hygie.prescriptions.Signed;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The prescriber's pages (« Mes ordonnances », prescripteur): find the person by their INS traits,
 * write a draft line by line from the formulary, sign, print, cancel, and see what was dispensed
 * unless the person objected.
 */
@Controller
@RequestMapping("/pro/ordonnances")
@PreAuthorize("hasRole('PROFESSIONAL')")
class PrescriberController {

    private final WebMessages texts;

    private final Prescriptions prescriptions;
    private final Patients patients;
    private final Formulary formulary;

    PrescriberController(Prescriptions prescriptions, Patients patients, Formulary formulary, WebMessages texts) {

        this.texts = texts;
        this.prescriptions = prescriptions;
        this.patients = patients;
        this.formulary = formulary;
    }

    @GetMapping
    String list(@AuthenticationPrincipal HygieUser user, @RequestParam(required = false) String nom,
            @RequestParam(required = false) String prenom, @RequestParam(name = "naissance", required = false) String birth, Model model) {
        model.addAttribute("mayPrescribe", prescriptions.mayPrescribe(user));
        model.addAttribute("prescriptions", prescriptions.ofPrescriber(Actor.of(user)));
        model.addAttribute("nom", nom);
        model.addAttribute("prenom", prenom);
        model.addAttribute("naissance", birth);
        if (nom != null && !nom.isBlank() && prescriptions.mayPrescribe(user)) {
            try {
                model.addAttribute("results", patients.searchByTraits(nom, prenom, LocalDate.parse(birth == null ? "" : birth), 20));
            } catch (DateTimeParseException e) {
                model.addAttribute("searchError", texts.get("pro.flash.birthDateFormat"));
            }
        }
        return "prescriptions/prescriber-list";
    }

    @PostMapping
    String create(@RequestParam(name = "patient", defaultValue = "") String patient, @RequestParam(name = "type", defaultValue = "MEDICATION") String kind,
            @AuthenticationPrincipal HygieUser user) {
        PatientId id;
        try {
            id = new PatientId(UUID.fromString(patient));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        PrescriptionKind k = "LAB".equals(kind) ? PrescriptionKind.LAB : PrescriptionKind.MEDICATION;
        return "redirect:/pro/ordonnances/" + prescriptions.draft(Actor.of(user), id, k, JournalChannel.WEB).id();
    }

    @GetMapping("/{id}")
    String show(@PathVariable String id, @AuthenticationPrincipal HygieUser user, Model model) {
        PrescriptionView v = prescriptions.forPrescriber(Actor.of(user), PatientPrescriptionsController.id(id), JournalChannel.WEB)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("v", v);
        model.addAttribute("p", v.prescription());
        model.addAttribute("formulary", formulary.of(v.prescription().kind()));
        return "prescriptions/prescriber-show";
    }

    @GetMapping("/{id}/ordonnance.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String id, @AuthenticationPrincipal HygieUser user) {
        return PatientPrescriptionsController.pdfResponse(prescriptions.pdf(Actor.of(user), PatientPrescriptionsController.id(id),
                JournalChannel.WEB).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
    }

    @PostMapping("/{id}/lignes")
    String addLine(@PathVariable String id, @RequestParam(name = "produit", defaultValue = "") String product,
            @RequestParam(name = "posologie", defaultValue = "") String dosage, @RequestParam(name = "quantite", defaultValue = "1") String quantity,
            @AuthenticationPrincipal HygieUser user) {
        prescriptions.addLine(Actor.of(user), PatientPrescriptionsController.id(id), product, dosage, RefusalPages.number(quantity, 0),
                JournalChannel.WEB);
        return "redirect:/pro/ordonnances/" + id;
    }

    @PostMapping("/{id}/lignes/{line}/suppression")
    String removeLine(@PathVariable String id, @PathVariable int line, @AuthenticationPrincipal HygieUser user) {
        prescriptions.removeLine(Actor.of(user), PatientPrescriptionsController.id(id), line, JournalChannel.WEB);
        return "redirect:/pro/ordonnances/" + id;
    }

    @PostMapping("/{id}/signature")
    String sign(@PathVariable String id, @AuthenticationPrincipal HygieUser user, RedirectAttributes redirect) {
        Signed signed = prescriptions.sign(Actor.of(user), PatientPrescriptionsController.id(id), JournalChannel.WEB);
        redirect.addFlashAttribute("signedCode", signed.accessCode().value());
        return "redirect:/pro/ordonnances/" + id;
    }

    @PostMapping("/{id}/annulation")
    String cancel(@PathVariable String id, @AuthenticationPrincipal HygieUser user) {
        prescriptions.cancel(Actor.of(user), PatientPrescriptionsController.id(id), JournalChannel.WEB);
        return "redirect:/pro/ordonnances/" + id;
    }

    @ExceptionHandler(PrescriptionRefusal.class)
    ModelAndView refused(PrescriptionRefusal refusal) {
        return RefusalPages.page(refusal, "/pro/ordonnances", texts);
    }

}
