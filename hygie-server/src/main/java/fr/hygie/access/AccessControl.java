package fr.hygie.access;

import fr.hygie.access.internal.AccessStore;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.Mandate;
import fr.hygie.identity.Mandates;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Professionals;
import fr.hygie.identity.Role;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalActor;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalDecision;
import fr.hygie.journal.JournalEntryDraft;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * The one decision point for every read and write of health data. It gathers the facts (its own
 * tables, the identity module's professionals and mandates), asks {@link AccessPolicy}, and records
 * the decision in the journal before returning, in the caller's transaction: if the journal cannot be
 * written, the call fails and nothing is shown (fail closed, ARCHITECTURE "data flow").
 *
 * <p>A refused decision carries its reason for the journal only: callers treat a refused item as
 * absent and never show the reason to a professional (a restriction must be invisible).
 */
@Service
public class AccessControl {

    private final AccessPolicy policy;
    private final AccessStore store;
    private final Professionals professionals;
    private final Mandates mandates;
    private final Patients patients;
    private final Accounts accounts;
    private final Journal journal;
    private final Clock clock;

    AccessControl(AccessPolicy policy, AccessStore store, Professionals professionals, Mandates mandates,
            Patients patients, Accounts accounts, Journal journal, Clock clock) {
        this.policy = policy;
        this.store = store;
        this.professionals = professionals;
        this.mandates = mandates;
        this.patients = patients;
        this.accounts = accounts;
        this.journal = journal;
        this.clock = clock;
    }

    /** The matrice d'habilitation in force (its version is shown to auditors). */
    public HabilitationMatrix matrix() {
        return policy.matrix();
    }

    // No @Transactional on the decision methods (docs/benchmarks.md, session 3): a read's entry is committed by
    // the journal's group commit, on the journal's own connections, and the caller waits ~one durable flush for
    // it. Inside a transaction the caller would hold a pooled connection during that wait, so ten waiting readers
    // (the pool's size) stopped every other request. The facts are plain reads (each statement sees committed
    // data, as it did in READ COMMITTED); a change's entry is appended by Journal.append, which joins the
    // caller's transaction (entry and change commit or vanish together) or opens its own.
    /** May the actor do {@code action} to this document? Journals one entry (PERMIT or DENY, with the reason). */
    public AccessDecision checkDocument(Actor actor, JournalAction action, DocumentFacts doc, JournalChannel channel) {
        Facts facts = facts(actor, doc.patient());
        AccessDecision decision = decide(facts, accessAction(action), doc, null);
        record(facts, action, doc, decision, channel, null);
        return decision;
    }

    /**
     * The page that asks before {@code action} is done to this document (« Supprimer ce document ? »): the actor sees
     * it only if the action itself would be permitted, so that the page refuses exactly as its POST does (a
     * representative whose mandate does not allow deleting was shown the confirmation of a deletion its POST refused,
     * session 7). Journals one entry: the refusal of {@code action} when it would be refused (an attempt, as the POST
     * would record it), otherwise the READ of what the page shows; nothing is changed.
     */
    public AccessDecision checkDocumentBefore(Actor actor, JournalAction action, DocumentFacts doc, JournalChannel channel) {
        Facts facts = facts(actor, doc.patient());
        AccessDecision intended = decide(facts, accessAction(action), doc, null);
        if (intended.denied()) {
            record(facts, action, doc, intended, channel, null);
            return intended;
        }
        AccessDecision read = decide(facts, AccessAction.READ, doc, null);
        record(facts, JournalAction.READ, doc, read, channel, null);
        return read;
    }

    /**
     * Keeps only the items the actor may see, in their order, and journals one LIST entry. Hidden
     * items are simply absent, so counts and totals computed from the result are exact and reveal
     * nothing (EHDS art. 8). The entry's decision is the actor's basis for listing the space
     * (e.g. CARE_TEAM_AUTHORISED, or BLOCKED with an empty result).
     */
    public <T> List<T> filterVisible(Actor actor, PatientId patient, List<T> items, Function<T, DocumentFacts> facts,
            JournalChannel channel) {
        Facts f = facts(actor, patient);
        PatientScope scope = new PatientScope(patient, DocumentFacts.OBJECT_TYPE);
        AccessDecision basis = decide(f, AccessAction.LIST, scope, null);
        List<T> visible = visibleItems(f, patient, items, facts);
        record(f, JournalAction.LIST, scope, basis, channel, null);
        return visible;
    }

    /** What {@link #filterVisibleAndWouldPermit} decided: the visible items, and the answer to the page's question. */
    public record VisibleAndPermitted<T>(List<T> visible, boolean wouldPermit) {

        public VisibleAndPermitted {
            visible = List.copyOf(visible);
        }
    }

    /**
     * {@link #filterVisible} and {@link #wouldPermit} for ONE page that lists the person's documents and offers an action
     * on the space (the person's « Mes documents » and its « Ajouter un document »): the facts are read once (issue 13:
     * the page read them twice). The list is decided and journaled exactly as {@link #filterVisible} does; the question
     * journals nothing, as {@link #wouldPermit}.
     */
    public <T> VisibleAndPermitted<T> filterVisibleAndWouldPermit(Actor actor, PatientId patient, List<T> items,
            Function<T, DocumentFacts> facts, JournalChannel channel, JournalAction action, String objectType) {
        Facts f = facts(actor, patient);
        PatientScope scope = new PatientScope(patient, DocumentFacts.OBJECT_TYPE);
        AccessDecision basis = decide(f, AccessAction.LIST, scope, null);
        List<T> visible = visibleItems(f, patient, items, facts);
        boolean permitted = wouldPermit(f, patient, action, objectType);
        record(f, JournalAction.LIST, scope, basis, channel, null);
        return new VisibleAndPermitted<>(visible, permitted);
    }

    private <T> List<T> visibleItems(Facts f, PatientId patient, List<T> items, Function<T, DocumentFacts> facts) {
        List<T> visible = new ArrayList<>();
        // Every item is decided even when the basis is refused (each decision repeats the basis check),
        // so that a block or an empty care relationship takes the same work as any other list.
        for (T item : items) {
            DocumentFacts doc = facts.apply(item);
            if (!doc.patient().equals(patient)) {
                throw new IllegalArgumentException("a list of one person's documents holds another person's document");
            }
            if (decide(f, AccessAction.LIST, doc, null).permitted()) {
                visible.add(item);
            }
        }
        return List.copyOf(visible);
    }

    /** May the actor read (or change) a section of the medical profile or of the wishes? Journals one entry. */
    public AccessDecision checkProfile(Actor actor, JournalAction action, ProfileSection section, JournalChannel channel) {
        Facts facts = facts(actor, section.patient());
        AccessDecision decision = decide(facts, accessAction(action), section, null);
        record(facts, action, section, decision, channel, null);
        return decision;
    }

    /**
     * {@link #checkProfile} for several sections of one person's profile at once (a profile page shows
     * them all): the facts are read once and the decisions journaled together, one entry per section,
     * in one journal write. Decisions come back in the order of {@code sections}.
     */
    public List<AccessDecision> checkProfileSections(Actor actor, JournalAction action, List<ProfileSection> sections,
            JournalChannel channel) {
        if (sections.isEmpty()) {
            return List.of();
        }
        PatientId patient = sections.get(0).patient();
        for (ProfileSection section : sections) {
            if (!section.patient().equals(patient)) {
                throw new IllegalArgumentException("profile sections of several persons in one check");
            }
        }
        Facts facts = facts(actor, patient);
        JournalActor actingFor = representedPerson(facts);
        List<AccessDecision> decisions = new ArrayList<>(sections.size());
        List<JournalEntryDraft> entries = new ArrayList<>(sections.size());
        for (ProfileSection section : sections) {
            AccessDecision decision = decide(facts, accessAction(action), section, null);
            decisions.add(decision);
            entries.add(draft(facts, actingFor, action, section, decision, channel, null));
        }
        if (isRead(action)) {
            journal.appendAllCommitted(entries);
        } else {
            journal.appendAll(entries);
        }
        return List.copyOf(decisions);
    }

    /** What {@link #filterVisibleWithProfileSections} decided: the visible items, and the sections' decisions in order. */
    public record VisibleWithSections<T>(List<T> visible, List<AccessDecision> sections) {

        public VisibleWithSections {
            visible = List.copyOf(visible);
            sections = List.copyOf(sections);
        }
    }

    /**
     * {@link #filterVisible} and {@link #checkProfileSections} (READ) for ONE response that shows both, a
     * professional's record page (the person's documents and medical profile): the facts are read once and the
     * list's entry and the sections' entries are journaled together, in one durable write, before anything is
     * returned (issue 13: one journal wait per page instead of two). The decisions and the entries are exactly
     * those of the two separate calls: the LIST entry first, then one READ entry per section, in order.
     */
    public <T> VisibleWithSections<T> filterVisibleWithProfileSections(Actor actor, PatientId patient, List<T> items,
            Function<T, DocumentFacts> facts, List<ProfileSection> sections, JournalChannel channel) {
        for (ProfileSection section : sections) {
            if (!section.patient().equals(patient)) {
                throw new IllegalArgumentException("profile sections of another person in one check");
            }
        }
        Facts f = facts(actor, patient);
        PatientScope scope = new PatientScope(patient, DocumentFacts.OBJECT_TYPE);
        AccessDecision basis = decide(f, AccessAction.LIST, scope, null);
        List<T> visible = visibleItems(f, patient, items, facts);
        JournalActor actingFor = representedPerson(f);
        List<JournalEntryDraft> entries = new ArrayList<>(sections.size() + 1);
        entries.add(draft(f, actingFor, JournalAction.LIST, scope, basis, channel, null));
        List<AccessDecision> decisions = new ArrayList<>(sections.size());
        for (ProfileSection section : sections) {
            AccessDecision decision = decide(f, AccessAction.READ, section, null);
            decisions.add(decision);
            entries.add(draft(f, actingFor, JournalAction.READ, section, decision, channel, null));
        }
        // Reads only: committed (grouped with other readers' entries) before the caller may show anything.
        journal.appendAllCommitted(entries);
        return new VisibleWithSections<>(visible, decisions);
    }

    /**
     * Everything else done to a person's space: adding a document (CREATE), managing sharing
     * (AUTHORISE, BLOCK, SETTINGS_CHANGE…), managing representatives (MANDATE_GRANT…), and reading a
     * profile section named by {@code objectType} (READ: a type the matrix does not list is for médecins
     * only). The person's controls themselves are read through {@link CareTeam} and {@link SharingSettings},
     * which require MANAGE_SHARING. Journals one entry.
     */
    public AccessDecision checkPatientAction(Actor actor, PatientId patient, JournalAction action, String objectType,
            JournalChannel channel) {
        Facts facts = facts(actor, patient);
        AccessAction a = accessAction(action);
        AccessTarget target = a == AccessAction.READ ? new ProfileSection(patient, objectType) : new PatientScope(patient, objectType);
        AccessDecision decision = decide(facts, a, target, null);
        record(facts, action, target, decision, channel, null);
        return decision;
    }

    /**
     * Would {@code action} on this person's space be permitted to the actor? Asked by a page before it shows the form
     * of that action (« Ajouter un document », « Mes choix pour la recherche », the wishes): the form is shown only where
     * its POST would be permitted, so that a representative whose mandate does not allow the action is told so instead
     * of being offered a form that refuses him (docs/security.md, « Pages that offer an action », session 8). Same facts
     * and same policy as the action itself. Journals nothing: nothing is read or changed by the question, and the
     * action, if it is posted, is decided and journaled on its own.
     */
    public boolean wouldPermit(Actor actor, PatientId patient, JournalAction action, String objectType) {
        return wouldPermit(facts(actor, patient), patient, action, objectType);
    }

    private boolean wouldPermit(Facts facts, PatientId patient, JournalAction action, String objectType) {
        AccessAction a = accessAction(action);
        AccessTarget target = a == AccessAction.READ ? new ProfileSection(patient, objectType) : new PatientScope(patient, objectType);
        return decide(facts, a, target, null).permitted();
    }

    // ------------------------------------------------------------------ for the module's own services

    /** The facts about this actor and this person, read once per call. */
    Facts facts(Actor actor, PatientId patient) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(patient, "patient");
        HygieUser u = actor.user();
        Role role = u.role();
        ActorFacts actorFacts;
        MandateFacts mandate = null;
        RelationshipFacts relationship = RelationshipFacts.NONE;
        if (role == Role.PROFESSIONAL && u.professionalId().isPresent()) {
            ProfessionalId pro = u.professionalId().get();
            String profession = professionals.professionCode(pro).orElse(null);
            actorFacts = ActorFacts.professional(u.accountId(), pro, profession);
            relationship = store.relationship(patient, pro, clock.instant());
        } else {
            actorFacts = new ActorFacts(role, u.accountId(), u.patientId().orElse(null), u.professionalId().orElse(null), null);
            boolean self = role == Role.PATIENT && patient.equals(u.patientId().orElse(null));
            if (!self && (role == Role.PATIENT || role == Role.REPRESENTATIVE)) {
                mandate = mandates.active(u.accountId(), patient).map(AccessControl::mandateFacts).orElse(null);
            }
        }
        return new Facts(actor, patient, actorFacts, mandate, relationship);
    }

    AccessDecision decide(Facts f, AccessAction action, AccessTarget target, String justification) {
        return policy.decide(new AccessRequest(f.actorFacts(), f.actor().actingFor(), f.mandate(), f.relationship(),
                action, target, justification));
    }

    /** Appends the decision to the journal; a failure propagates and rolls the caller's work back. */
    void record(Facts f, JournalAction action, AccessTarget target, AccessDecision decision, JournalChannel channel,
            String justification) {
        JournalEntryDraft entry = draft(f, representedPerson(f), action, target, decision, channel, justification);
        if (isRead(action)) {
            // A read changes nothing to roll back with: its entry is committed (grouped with the other
            // readers' entries, one durable commit for all) before the caller may show anything.
            journal.appendCommitted(entry);
        } else {
            // A change is journaled in the caller's transaction: entry and change commit or vanish together.
            journal.append(entry);
        }
    }

    private static JournalEntryDraft draft(Facts f, JournalActor actingFor, JournalAction action, AccessTarget target,
            AccessDecision decision, JournalChannel channel, String justification) {
        HygieUser u = f.actor().user();
        JournalActor who = new JournalActor(u.accountId().value(), u.displayName(), u.role().name());
        return new JournalEntryDraft(who, actingFor, f.patient().value(), action,
                target.objectType(), target.objectId(),
                decision.permitted() ? JournalDecision.PERMIT : JournalDecision.DENY,
                decision.reason().name(), channel, justification);
    }

    /** Actions that only let data leave (no change of the person's space). */
    private static boolean isRead(JournalAction action) {
        AccessAction a = accessAction(action);
        return a == AccessAction.READ || a == AccessAction.LIST;
    }

    /** "X acting for Y": Y is the person a representative acts for; null when acting in one's own name. */
    private JournalActor representedPerson(Facts f) {
        Actor actor = f.actor();
        if (!actor.representing()) {
            return null;
        }
        PatientId person = actor.actingFor();
        String name = patients.byId(person).map(p -> p.displayName()).orElse("personne représentée");
        return new JournalActor(accounts.byPatient(person).map(a -> a.id().value()).orElse(null), name, Role.PATIENT.name());
    }

    private static MandateFacts mandateFacts(Mandate m) {
        return new MandateFacts(m.kind(), m.scopes());
    }

    /** How the journal's vocabulary maps onto the policy's. */
    static AccessAction accessAction(JournalAction action) {
        switch (action) {
            case READ:
            case EXPORT:
            case SHARE:
                return AccessAction.READ;
            case LIST:
            case SEARCH:
                return AccessAction.LIST;
            case CREATE:
            case IMPORT:
                return AccessAction.CREATE;
            case UPDATE:
                return AccessAction.UPDATE;
            case DELETE:
                return AccessAction.DELETE;
            case MASK:
            case UNMASK:
                return AccessAction.MASK;
            case RELEASE:
                return AccessAction.RELEASE;
            case AUTHORISE:
            case REVOKE_AUTHORISATION:
            case BLOCK:
            case UNBLOCK:
            case SETTINGS_CHANGE:
                return AccessAction.MANAGE_SHARING;
            case MANDATE_GRANT:
            case MANDATE_REVOKE:
                return AccessAction.MANAGE_REPRESENTATIVES;
            case EMERGENCY_ACCESS:
                return AccessAction.OPEN_EMERGENCY_SESSION;
            default:
                throw new IllegalArgumentException(action + " is not an action on a person's health data");
        }
    }

    /** The facts gathered for one call. */
    record Facts(Actor actor, PatientId patient, ActorFacts actorFacts, MandateFacts mandate, RelationshipFacts relationship) {
    }
}
