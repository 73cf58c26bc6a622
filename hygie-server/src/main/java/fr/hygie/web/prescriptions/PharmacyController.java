package fr.hygie.web.prescriptions;

import fr.hygie.access.Actor;
import fr.hygie.identity.HygieUser;
import fr.hygie.journal.JournalChannel;
import fr.hygie.prescriptions.Accepted;
import fr.hygie.prescriptions.Formulary;
import fr.hygie.prescriptions.PrescriptionId;
import fr.hygie.prescriptions.PrescriptionRefusal;
import fr.hygie.prescriptions.PrescriptionView;
import fr.hygie.prescriptions.Prescriptions;
import fr.hygie.web.WebMessages;
import jakarta.servlet.http.HttpSession;
import java.util.HashMap;
import java.util.Map;
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
import org.springframework.web.servlet.ModelAndView;

/**
 * The pharmacist's pages (« Délivrer une ordonnance »): enter the number and access code (or take one a
 * patient sent), then dispense line by line and complete, or hand it back. The pharmacy's secret stays
 * in the pharmacist's session: it never appears in a page or a URL. The pharmacist sees that
 * prescription only, never the person's record.
 */
@Controller
@RequestMapping("/pharmacie")
@PreAuthorize("hasRole('PROFESSIONAL')")
class PharmacyController {

    static final String SECRETS = "prescriptions.pharmacySecrets";

    private final Prescriptions prescriptions;
    private final Formulary formulary;
    private final WebMessages texts;

    PharmacyController(Prescriptions prescriptions, Formulary formulary, WebMessages texts) {
        this.texts = texts;
        this.prescriptions = prescriptions;
        this.formulary = formulary;
    }

    @GetMapping
    String home(@AuthenticationPrincipal HygieUser user, HttpSession session, Model model) {
        boolean pharmacist = prescriptions.mayDispense(user);
        model.addAttribute("mayDispense", pharmacist);
        model.addAttribute("sent", pharmacist ? prescriptions.sentToMyPharmacy(Actor.of(user)) : java.util.List.of());
        model.addAttribute("held", secrets(session).keySet());
        return "prescriptions/pharmacy";
    }

    @PostMapping("/prise-en-charge")
    String accept(@RequestParam(name = "numero", defaultValue = "") String number, @RequestParam(name = "code", defaultValue = "") String code,
            @AuthenticationPrincipal HygieUser user, HttpSession session) {
        return held(session, prescriptions.accept(Actor.of(user), number, code, JournalChannel.WEB));
    }

    @PostMapping("/envoyees/{id}/prise-en-charge")
    String acceptSent(@PathVariable String id, @AuthenticationPrincipal HygieUser user, HttpSession session) {
        return held(session, prescriptions.acceptSent(Actor.of(user), PatientPrescriptionsController.id(id), JournalChannel.WEB));
    }

    @GetMapping("/ordonnances/{id}")
    String show(@PathVariable String id, @AuthenticationPrincipal HygieUser user, HttpSession session, Model model) {
        PrescriptionId pid = PatientPrescriptionsController.id(id);
        PrescriptionView v = prescriptions.forPharmacy(Actor.of(user), pid, secrets(session).get(id), JournalChannel.WEB);
        model.addAttribute("v", v);
        model.addAttribute("p", v.prescription());
        model.addAttribute("formulary", formulary.of(v.prescription().kind()));
        return "prescriptions/pharmacy-show";
    }

    @PostMapping("/ordonnances/{id}/lignes/{line}")
    String dispense(@PathVariable String id, @PathVariable int line, @RequestParam(name = "produit", defaultValue = "") String product,
            @RequestParam(name = "quantite", defaultValue = "0") String quantity, @AuthenticationPrincipal HygieUser user, HttpSession session) {
        prescriptions.dispense(Actor.of(user), PatientPrescriptionsController.id(id), secrets(session).get(id), line, product,
                RefusalPages.number(quantity, 0), JournalChannel.WEB);
        return "redirect:/pharmacie/ordonnances/" + id;
    }

    @PostMapping("/ordonnances/{id}/restitution")
    String handBack(@PathVariable String id, @AuthenticationPrincipal HygieUser user, HttpSession session) {
        prescriptions.handBack(Actor.of(user), PatientPrescriptionsController.id(id), secrets(session).get(id), JournalChannel.WEB);
        secrets(session).remove(id);
        return "redirect:/pharmacie?rendue";
    }

    @PostMapping("/ordonnances/{id}/cloture")
    String complete(@PathVariable String id, @AuthenticationPrincipal HygieUser user, HttpSession session, Model model) {
        PrescriptionId pid = PatientPrescriptionsController.id(id);
        model.addAttribute("receipt", prescriptions.complete(Actor.of(user), pid, secrets(session).get(id), JournalChannel.WEB));
        secrets(session).remove(id);
        return "prescriptions/pharmacy-done";
    }

    @ExceptionHandler(PrescriptionRefusal.class)
    ModelAndView refused(PrescriptionRefusal refusal) {
        return RefusalPages.page(refusal, "/pharmacie", texts);
    }

    private String held(HttpSession session, Accepted accepted) {
        String id = accepted.view().prescription().id().toString();
        secrets(session).put(id, accepted.secret());
        return "redirect:/pharmacie/ordonnances/" + id;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> secrets(HttpSession session) {
        Object existing = session.getAttribute(SECRETS);
        if (existing instanceof Map<?, ?>) {
            return (Map<String, String>) existing;
        }
        Map<String, String> created = new HashMap<>();
        session.setAttribute(SECRETS, created);
        return created;
    }
}
