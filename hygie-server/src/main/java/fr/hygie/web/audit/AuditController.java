package fr.hygie.web.audit;

import fr.hygie.web.WebMessages;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.InsMatricule;
import fr.hygie.identity.InvalidIdentifier;
import fr.hygie.identity.Patients;
import fr.hygie.identity.Professionals;
import fr.hygie.journal.AuditQuery;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalActor;
import fr.hygie.journal.JournalAudit;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalDecision;
import fr.hygie.journal.JournalEntryDraft;
import fr.hygie.journal.JournalPage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The auditor's view of the journal: search by professional, by person, by kind of access, and the
 * anomaly list. Auditors never see medical content, only who did what to whose data; their own
 * searches are journaled too (a person sees that an auditor looked at the accesses to their data).
 */
@Controller
@PreAuthorize("hasRole('AUDITOR')")
class AuditController {

    private final WebMessages texts;

    private final JournalAudit audit;
    private final Journal journal;
    private final Professionals professionals;
    private final Accounts accounts;
    private final Patients patients;
    private final Clock clock;

    AuditController(JournalAudit audit, Journal journal, Professionals professionals, Accounts accounts, Patients patients, Clock clock, WebMessages texts) {

        this.texts = texts;
        this.audit = audit;
        this.journal = journal;
        this.professionals = professionals;
        this.accounts = accounts;
        this.patients = patients;
        this.clock = clock;
    }

    @GetMapping("/audit")
    @Transactional
    String search(@AuthenticationPrincipal HygieUser user, @RequestParam(required = false) String rpps,
            @RequestParam(required = false) String patient, @RequestParam(required = false) String action,
            @RequestParam(required = false) String decision, @RequestParam(name = "jours", defaultValue = "30") int days,
            @RequestParam(name = "page", defaultValue = "0") int page, Model model) {
        int period = Math.max(1, Math.min(days, 3650));
        Instant to = clock.instant();
        Instant from = to.minus(Duration.ofDays(period));
        AuditQuery q = AuditQuery.any().between(from, to);
        model.addAttribute("rpps", rpps);
        model.addAttribute("jours", period);
        model.addAttribute("actions", JournalAction.values());
        model.addAttribute("action", action);
        model.addAttribute("decision", decision);
        UUID patientId = null;
        if (rpps != null && !rpps.isBlank()) {
            var account = professionals.byRpps(rpps.trim()).flatMap(p -> accounts.byProfessional(p.id()));
            if (account.isEmpty()) {
                model.addAttribute("error", texts.get("audit.flash.unknownRpps"));
                return "audit/search";
            }
            q = q.byActor(account.get().id().value());
        }
        if (patient != null && !patient.isBlank()) {
            try {
                patientId = UUID.fromString(patient);
                q = q.aboutPatient(patientId);
                model.addAttribute("patient", patient);
            } catch (IllegalArgumentException e) {
                model.addAttribute("error", texts.get("audit.flash.badPersonId"));
                return "audit/search";
            }
        }
        if (action != null && !action.isBlank()) {
            q = q.withAction(JournalAction.valueOf(action));
        }
        if (decision != null && !decision.isBlank()) {
            q = q.withDecision(JournalDecision.valueOf(decision));
        }
        int size = 50;
        JournalPage result = audit.search(q, Math.max(0, page) * size, size);
        journal.append(new JournalEntryDraft(new JournalActor(user.accountId().value(), user.displayName(), user.role().name()),
                null, patientId, JournalAction.SEARCH, "AuditEvent", null, JournalDecision.PERMIT, "AUDITOR", JournalChannel.WEB, null));
        model.addAttribute("result", result);
        model.addAttribute("page", Math.max(0, page));
        model.addAttribute("anomalies", audit.anomalies(from, to));
        return "audit/search";
    }

    /** An auditor looks up a person by INS: the matricule travels in the body, the page then uses the opaque id. */
    @PostMapping("/audit/personne")
    String byIns(@RequestParam String matricule, RedirectAttributes redirect) {
        try {
            var id = patients.byMatricule(InsMatricule.parse(matricule).value());
            if (id.isPresent()) {
                return "redirect:/audit?patient=" + id.get();
            }
            redirect.addFlashAttribute("error", texts.get("pro.flash.unknownIns"));
        } catch (InvalidIdentifier e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/audit";
    }
}
