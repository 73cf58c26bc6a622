package fr.hygie.web.admin;

import fr.hygie.access.ControlOutcome;
import fr.hygie.access.Regulators;
import fr.hygie.identity.AccountId;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.Patients;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Professionals;
import fr.hygie.identity.Role;
import fr.hygie.identity.Structures;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Platform administration: accounts (suspend / reactivate), referential counts, the list of centre 15
 * regulators. No medical content is reachable from here.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class AdminController {

    private final Accounts accounts;
    private final Patients patients;
    private final Professionals professionals;
    private final Structures structures;
    private final Regulators regulators;

    AdminController(Accounts accounts, Patients patients, Professionals professionals, Structures structures, Regulators regulators) {
        this.accounts = accounts;
        this.patients = patients;
        this.professionals = professionals;
        this.structures = structures;
        this.regulators = regulators;
    }

    @GetMapping("/admin")
    String home(@RequestParam(name = "role", defaultValue = "PROFESSIONAL") String role, Model model) {
        Role selected = Arrays.stream(Role.values()).filter(r -> r.name().equals(role)).findFirst().orElse(Role.PROFESSIONAL);
        model.addAttribute("roles", Role.values());
        model.addAttribute("role", selected);
        model.addAttribute("accounts", accounts.byRole(selected));
        model.addAttribute("patients", patients.count());
        model.addAttribute("professionals", professionals.count());
        model.addAttribute("structures", structures.count());
        List<String> regulatorNames = regulators.all().stream()
                .map(id -> professionals.byId(id).map(p -> p.displayName() + " (RPPS " + p.rpps() + ")").orElse(id.toString()))
                .toList();
        model.addAttribute("regulators", regulatorNames);
        return "admin/home";
    }

    @PostMapping("/admin/comptes/etat")
    String enable(@RequestParam String compte, @RequestParam boolean actif, @RequestParam(defaultValue = "PROFESSIONAL") String role,
            @AuthenticationPrincipal HygieUser admin, RedirectAttributes redirect) {
        AccountId id = AccountId.of(compte);
        if (id.equals(admin.accountId())) {
            redirect.addFlashAttribute("error", "Vous ne pouvez pas suspendre votre propre compte.");
        } else {
            accounts.setEnabled(id, actif);
            redirect.addFlashAttribute("message", actif ? "Compte réactivé." : "Compte suspendu : la personne ne peut plus se connecter.");
        }
        return "redirect:/admin?role=" + role;
    }

    @PostMapping("/admin/regulateurs")
    String regulator(@RequestParam String rpps, @RequestParam(defaultValue = "true") boolean ajouter,
            @AuthenticationPrincipal HygieUser admin, RedirectAttributes redirect) {
        var pro = professionals.byRpps(rpps.trim());
        if (pro.isEmpty()) {
            redirect.addFlashAttribute("error", "Aucun professionnel ne porte ce numéro RPPS.");
            return "redirect:/admin";
        }
        ProfessionalId id = pro.get().id();
        ControlOutcome outcome = ajouter ? regulators.add(admin, id) : regulators.remove(admin, id);
        redirect.addFlashAttribute(outcome.done() ? "message" : "error", outcome.done() ? "C'est enregistré." : outcome.message());
        return "redirect:/admin";
    }
}
