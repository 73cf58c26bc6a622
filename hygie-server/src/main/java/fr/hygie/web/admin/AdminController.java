package fr.hygie.web.admin;

import fr.hygie.access.ControlOutcome;
import fr.hygie.access.Regulators;
import fr.hygie.identity.Account;
import fr.hygie.identity.AccountId;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.Patients;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Professionals;
import fr.hygie.identity.Professions;
import fr.hygie.identity.Role;
import fr.hygie.identity.Specialties;
import fr.hygie.identity.Structures;
import fr.hygie.platform.security.LoginThrottle;
import fr.hygie.territory.Geography;
import fr.hygie.territory.Territory;
import fr.hygie.web.WebMessages;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Platform administration (« administration de la plateforme »): referential data (structures and their sites,
 * the national code lists of professions and specialties, read-only with their sources), accounts (role,
 * suspended or active, locked after failed logins; unlock, password reset) and the list of centre 15
 * regulators. Nothing here reads medical content: only the identity referential and account states
 * (policy: admins never see content, see docs/features.md "Access policy").
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class AdminController {

    private static final Logger log = LoggerFactory.getLogger(AdminController.class);
    /** Accounts shown per page: the generated population can hold a million patient accounts. */
    static final int ACCOUNTS_PAGE = 100;
    /** Letters and digits that cannot be confused when read aloud or copied (no 0/O, 1/l/I). */
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final Accounts accounts;
    private final Patients patients;
    private final Professionals professionals;
    private final Structures structures;
    private final Regulators regulators;
    private final LoginThrottle throttle;
    private final Geography geography;
    private final WebMessages texts;
    private final SecureRandom random = new SecureRandom();

    AdminController(Accounts accounts, Patients patients, Professionals professionals, Structures structures, Regulators regulators,
            LoginThrottle throttle, Geography geography, WebMessages texts) {
        this.accounts = accounts;
        this.patients = patients;
        this.professionals = professionals;
        this.structures = structures;
        this.regulators = regulators;
        this.throttle = throttle;
        this.geography = geography;
        this.texts = texts;
    }

    @GetMapping("/admin")
    String home(Model model) {
        model.addAttribute("patients", patients.count());
        model.addAttribute("professionals", professionals.count());
        model.addAttribute("structures", structures.count());
        model.addAttribute("professions", Professions.bundled().all().size());
        model.addAttribute("specialties", Specialties.bundled().all().size());
        List<String> regulatorNames = regulators.all().stream()
                .map(id -> professionals.byId(id).map(p -> p.displayName() + " (RPPS " + p.rpps() + ")").orElse(id.toString()))
                .toList();
        model.addAttribute("regulators", regulatorNames);
        return "admin/home";
    }

    // ------------------------------------------------------------------ accounts

    /** One account as the page shows it: never anything but identity and state (and the région of an agency). */
    public record AccountRow(Account account, boolean locked, String region) {
    }

    @GetMapping("/admin/comptes")
    String accountsPage(@RequestParam(name = "role", defaultValue = "PROFESSIONAL") String role,
            @RequestParam(name = "q", defaultValue = "") String query, Model model) {
        Role selected = role(role);
        String q = query.strip().toLowerCase(Locale.ROOT);
        List<Account> matching = accounts.byRole(selected).stream()
                .filter(a -> q.isEmpty() || a.username().contains(q) || a.displayName().toLowerCase(Locale.ROOT).contains(q))
                .toList();
        model.addAttribute("roles", Role.values());
        model.addAttribute("role", selected);
        model.addAttribute("q", query.strip());
        model.addAttribute("total", matching.size());
        model.addAttribute("accounts", matching.stream().limit(ACCOUNTS_PAGE)
                .map(a -> new AccountRow(a, throttle.isLoginLocked(a.username()),
                        selected == Role.REGIONAL_AGENCY ? accounts.regionOf(a.id()).orElse(null) : null)).toList());
        model.addAttribute("regions", geography.regions());
        return "admin/accounts";
    }

    @PostMapping("/admin/comptes/etat")
    String enable(@RequestParam String compte, @RequestParam boolean actif, @RequestParam(defaultValue = "PROFESSIONAL") String role,
            @AuthenticationPrincipal HygieUser admin, RedirectAttributes redirect) {
        Optional<Account> account = account(compte);
        if (account.isEmpty()) {
            redirect.addFlashAttribute("error", texts.get("admin.flash.unknownAccount"));
        } else if (account.get().id().equals(admin.accountId())) {
            redirect.addFlashAttribute("error", texts.get("admin.flash.notYourself"));
        } else {
            accounts.setEnabled(account.get().id(), actif);
            log.info("Admin account {} {} account {}", admin.accountId(), actif ? "reactivated" : "suspended", account.get().id());
            redirect.addFlashAttribute("message", actif ? texts.get("admin.flash.reactivated", account.get().username())
                    : texts.get("admin.flash.suspended", account.get().username()));
        }
        return "redirect:/admin/comptes?role=" + role(role);
    }

    @PostMapping("/admin/comptes/deverrouiller")
    String unlock(@RequestParam String compte, @RequestParam(defaultValue = "PROFESSIONAL") String role,
            @AuthenticationPrincipal HygieUser admin, RedirectAttributes redirect) {
        Optional<Account> account = account(compte);
        if (account.isEmpty()) {
            redirect.addFlashAttribute("error", texts.get("admin.flash.unknownAccount"));
        } else {
            throttle.unlock(account.get().username());
            log.info("Admin account {} unlocked account {}", admin.accountId(), account.get().id());
            redirect.addFlashAttribute("message", texts.get("admin.flash.unlocked", account.get().username()));
        }
        return "redirect:/admin/comptes?role=" + role(role);
    }

    /** Attaches a regional health agency account to its région: the perimeter of its territorial indicators. */
    @PostMapping("/admin/comptes/region")
    String region(@RequestParam String compte, @RequestParam(name = "region", defaultValue = "") String region,
            @AuthenticationPrincipal HygieUser admin, RedirectAttributes redirect) {
        Optional<Account> account = account(compte);
        Optional<Territory> chosen = geography.regions().stream().filter(t -> t.code().equals(region)).findFirst();
        if (account.isEmpty() || account.get().role() != Role.REGIONAL_AGENCY) {
            redirect.addFlashAttribute("error", texts.get("admin.flash.unknownAccount"));
        } else if (chosen.isEmpty()) {
            redirect.addFlashAttribute("error", texts.get("admin.flash.unknownRegion"));
        } else {
            accounts.assignRegion(account.get().id(), chosen.get().code());
            log.info("Admin account {} attached account {} to région {}", admin.accountId(), account.get().id(), chosen.get().code());
            redirect.addFlashAttribute("message", texts.get("admin.flash.regionSet", account.get().username(), chosen.get().name()));
        }
        return "redirect:/admin/comptes?role=" + Role.REGIONAL_AGENCY;
    }

    /**
     * A new temporary password, shown once on this page (never stored in clear, never logged) for the
     * administrator to hand over through a checked channel; the old password stops working and the lock is
     * lifted.
     */
    @PostMapping("/admin/comptes/reinitialiser")
    String reset(@RequestParam String compte, @RequestParam(defaultValue = "PROFESSIONAL") String role,
            @AuthenticationPrincipal HygieUser admin, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Optional<Account> account = account(compte);
        if (account.isEmpty()) {
            redirect.addFlashAttribute("error", texts.get("admin.flash.unknownAccount"));
            return "redirect:/admin/comptes?role=" + role(role);
        }
        if (account.get().id().equals(admin.accountId())) {
            redirect.addFlashAttribute("error", texts.get("admin.flash.notYourselfReset"));
            return "redirect:/admin/comptes?role=" + role(role);
        }
        String password = temporaryPassword();
        accounts.setPassword(account.get().id(), password);
        throttle.unlock(account.get().username());
        log.info("Admin account {} reset the password of account {}", admin.accountId(), account.get().id());
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("account", account.get());
        model.addAttribute("password", password);
        model.addAttribute("role", role(role));
        return "admin/reset";
    }

    private String temporaryPassword() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append('-');
            }
            sb.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return sb.toString();
    }

    private Optional<Account> account(String id) {
        try {
            return accounts.byId(AccountId.of(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Role role(String role) {
        return Arrays.stream(Role.values()).filter(r -> r.name().equals(role)).findFirst().orElse(Role.PROFESSIONAL);
    }

    // ------------------------------------------------------------------ regulators

    @PostMapping("/admin/regulateurs")
    String regulator(@RequestParam String rpps, @RequestParam(defaultValue = "true") boolean ajouter,
            @AuthenticationPrincipal HygieUser admin, RedirectAttributes redirect) {
        var pro = professionals.byRpps(rpps.trim());
        if (pro.isEmpty()) {
            redirect.addFlashAttribute("error", texts.get("common.unknownRpps"));
            return "redirect:/admin";
        }
        ProfessionalId id = pro.get().id();
        ControlOutcome outcome = ajouter ? regulators.add(admin, id) : regulators.remove(admin, id);
        redirect.addFlashAttribute(outcome.done() ? "message" : "error", outcome.done() ? texts.get("common.saved")
                : texts.get(fr.hygie.web.Codes.key(outcome.wording(), null)));
        return "redirect:/admin";
    }
}
