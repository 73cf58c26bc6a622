package fr.hygie.web;

import fr.hygie.access.Actor;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.Mandate;
import fr.hygie.identity.MandateKind;
import fr.hygie.identity.Mandates;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.identity.Role;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Whom the logged-in person acts for ("Vous agissez pour …"): a representative (aidant, médiateur) or
 * a parent (représentant légal) picks one of the persons whose active mandate they hold; the choice
 * lives in the HTTP session only. Every call re-checks the mandate: a revoked or expired mandate stops
 * working at once, and the choice is then forgotten (DOMAIN: representatives, scoped revocable mandate).
 *
 * <p>A refusal never tells whether the person exists: an unknown id and a person without a mandate give
 * the same answer ({@link Choice#REFUSED}).
 */
@Service
public class ActingFor {

    static final String SESSION_KEY = ActingFor.class.getName() + ".choice";

    /** Someone the user may act for, as shown on the choice page. */
    public record Represented(PatientId patient, String displayName, MandateKind kind) {
    }

    /** Outcome of a choice. */
    public enum Choice {
        ACTING_FOR_SOMEONE, ACTING_FOR_MYSELF, REFUSED
    }

    /** What the session remembers: who chose (so that another login never inherits it) and for whom. */
    record Stored(UUID account, UUID patient) implements Serializable {
    }

    private final Mandates mandates;
    private final Patients patients;
    private final Accounts accounts;

    ActingFor(Mandates mandates, Patients patients, Accounts accounts) {
        this.mandates = mandates;
        this.patients = patients;
        this.accounts = accounts;
    }

    /** Only persons (patients) and representatives act for others; professionals never do here. */
    public boolean mayActForOthers(HygieUser user) {
        return user != null && (user.role() == Role.REPRESENTATIVE || user.role() == Role.PATIENT)
                && !mandates.activeFor(user.accountId()).isEmpty();
    }

    /** The persons whose active mandate this user holds today, by name. */
    public List<Represented> choices(HygieUser user) {
        if (user == null || !(user.role() == Role.REPRESENTATIVE || user.role() == Role.PATIENT)) {
            return List.of();
        }
        List<Represented> out = new ArrayList<>();
        for (Mandate m : mandates.activeFor(user.accountId())) {
            if (out.stream().noneMatch(r -> r.patient().equals(m.patient()))) {
                name(m.patient()).ifPresent(n -> out.add(new Represented(m.patient(), n, m.kind())));
            }
        }
        out.sort(Comparator.comparing(Represented::displayName));
        return out;
    }

    /**
     * Acts for {@code patientId} (a UUID as posted by the form), or for oneself when it is the user's
     * own patient id. Anything else is {@link Choice#REFUSED} and leaves the current choice unchanged.
     */
    public Choice choose(HygieUser user, HttpSession session, String patientId) {
        Optional<PatientId> wanted = parse(patientId);
        if (user == null || session == null || wanted.isEmpty()) {
            return Choice.REFUSED;
        }
        if (user.patientId().filter(wanted.get()::equals).isPresent()) {
            actForMyself(session);
            return Choice.ACTING_FOR_MYSELF;
        }
        if (!(user.role() == Role.REPRESENTATIVE || user.role() == Role.PATIENT)
                || mandates.active(user.accountId(), wanted.get()).isEmpty()) {
            return Choice.REFUSED;
        }
        session.setAttribute(SESSION_KEY, new Stored(user.accountId().value(), wanted.get().value()));
        return Choice.ACTING_FOR_SOMEONE;
    }

    /** Back to one's own space: forgets the choice. */
    public void actForMyself(HttpSession session) {
        if (session != null) {
            session.removeAttribute(SESSION_KEY);
        }
    }

    /**
     * The actor of this request: acting for the chosen person while the mandate is active today, else
     * oneself ({@link Actor#of}). Re-checked on every call.
     */
    public Actor currentActor(HygieUser user, HttpSession session) {
        return actingFor(user, session).map(r -> Actor.actingFor(user, r.patient())).orElseGet(() -> Actor.of(user));
    }

    /** The patient whose record the page shows: the acted-for person, else the user's own, else none. */
    public Optional<PatientId> subject(HygieUser user, HttpSession session) {
        if (user == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(currentActor(user, session).actingFor());
    }

    /** The person acted for right now (mandate re-checked), if any; clears a choice that no longer holds. */
    public Optional<Represented> actingFor(HygieUser user, HttpSession session) {
        if (user == null || session == null || !(session.getAttribute(SESSION_KEY) instanceof Stored stored)) {
            return Optional.empty();
        }
        PatientId patient = new PatientId(stored.patient());
        Optional<Mandate> mandate = stored.account().equals(user.accountId().value())
                ? mandates.active(user.accountId(), patient)
                : Optional.empty();
        if (mandate.isEmpty()) {
            session.removeAttribute(SESSION_KEY);
            return Optional.empty();
        }
        return Optional.of(new Represented(patient,
                name(patient).orElse(""), mandate.get().kind()));
    }

    /**
     * The name the person chose for their own account ("Léa Durand"), else their INS name made
     * readable: INS traits carry neither accents nor lower case.
     */
    private Optional<String> name(PatientId patient) {
        Optional<String> own = accounts.byPatient(patient).map(a -> a.displayName()).filter(n -> !n.isBlank());
        return own.isPresent() ? own : patients.byId(patient).map(p -> readable(p.displayName()));
    }

    /**
     * INS traits are stored in capitals ("JEAN PETIT"); pages show "Jean Petit", easier to read than
     * capitals (RGAA 10: avoid text in capitals). Hyphens and apostrophes start a new capital.
     */
    static String readable(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        boolean start = true;
        for (char c : name.toLowerCase(java.util.Locale.FRENCH).toCharArray()) {
            sb.append(start ? Character.toTitleCase(c) : c);
            start = c == ' ' || c == '-' || c == '\'' || c == '’';
        }
        return sb.toString();
    }

    private static Optional<PatientId> parse(String id) {
        if (id == null || id.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PatientId(UUID.fromString(id)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
