package fr.hygie.support;

import fr.hygie.access.Actor;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.InsIdentity;
import fr.hygie.identity.InsStatus;
import fr.hygie.identity.InsTraits;
import fr.hygie.identity.NewAccount;
import fr.hygie.identity.NewPatient;
import fr.hygie.identity.Nir;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Role;
import fr.hygie.identity.Sex;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The demo cast as actors, and fresh persons for tests that change someone's sharing settings (so that
 * tests sharing one server never disturb each other's demo data).
 */
@Component
public class Cast {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private final Accounts accounts;
    private final Patients patients;
    private String hash;

    public Cast(Accounts accounts, Patients patients) {
        this.accounts = accounts;
        this.patients = patients;
    }

    public HygieUser user(String login) {
        return accounts.loadUserByUsername(login);
    }

    public Actor actor(String login) {
        return Actor.of(user(login));
    }

    public Actor actingFor(String login, PatientId person) {
        return Actor.actingFor(user(login), person);
    }

    public PatientId patient(String login) {
        return user(login).patientId().orElseThrow();
    }

    public ProfessionalId professional(String login) {
        return user(login).professionalId().orElseThrow();
    }

    /** A new adult with an account (password "demo"), born in Paris; returns its login. */
    public String newPatient() {
        if (hash == null) {
            hash = accounts.hash("demo");
        }
        int n = SEQ.incrementAndGet();
        LocalDate birth = LocalDate.of(1960 + ThreadLocalRandom.current().nextInt(40), 1 + ThreadLocalRandom.current().nextInt(12), 15);
        String body = "2" + String.format("%02d%02d", birth.getYear() % 100, birth.getMonthValue()) + "75056"
                + String.format("%03d", 1 + ThreadLocalRandom.current().nextInt(998));
        Nir nir = Nir.parse(body + Nir.key(body));
        while (patients.byMatricule(nir.value()).isPresent()) {
            body = body.substring(0, 10) + String.format("%03d", 1 + ThreadLocalRandom.current().nextInt(998));
            nir = Nir.parse(body + Nir.key(body));
        }
        PatientId id = patients.register(new NewPatient(InsIdentity.of(nir,
                new InsTraits("TESTEUSE", "ALICE", birth, Sex.FEMALE, "75056"), InsStatus.QUALIFIED),
                null, null, null, null, null, null, null, null, true));
        String login = "test-" + n + "-" + ThreadLocalRandom.current().nextInt(1_000_000);
        accounts.create(new NewAccount(login, hash, Role.PATIENT, "Alice Testeuse " + n, id, null, null, false));
        return login;
    }
}
