package fr.hygie.access;

import fr.hygie.identity.AccountId;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Role;
import fr.hygie.platform.Ids;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * People for the integration tests, written straight into the identity tables (no registration API
 * exists yet): persons with their accounts, professionals with theirs, representatives.
 */
final class AccessWorld {

    private final JdbcClient jdbc;

    AccessWorld(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Person(PatientId id, HygieUser user) {
        Actor self() {
            return Actor.of(user);
        }
    }

    record Pro(ProfessionalId id, HygieUser user) {
        Actor actor() {
            return Actor.of(user);
        }
    }

    Person person(String firstName, String lastName) {
        return person(firstName, lastName, LocalDate.of(1980, 5, 17));
    }

    Person person(String firstName, String lastName, LocalDate birthDate) {
        UUID id = Ids.newId();
        jdbc.sql("""
                INSERT INTO identity.patient (id, matricule, matricule_kind, ins_status, birth_name, first_names, birth_date,
                    sex, birth_place_insee)
                VALUES (:id, :m, 'NIR', 'QUALIFIED', :last, :first, :birth, 'F', '75056')""")
                .param("id", id).param("m", digits(15)).param("last", lastName.toUpperCase(java.util.Locale.ROOT))
                .param("first", firstName).param("birth", birthDate).update();
        PatientId patient = new PatientId(id);
        return new Person(patient, account(Role.PATIENT, firstName + " " + lastName, patient, null));
    }

    Pro professional(String profession, String name) {
        UUID id = Ids.newId();
        jdbc.sql("""
                INSERT INTO identity.professional (id, rpps, profession_code, family_name, given_name)
                VALUES (:id, :rpps, :profession, :name, 'Dr')""")
                .param("id", id).param("rpps", digits(11)).param("profession", profession).param("name", name).update();
        ProfessionalId pro = new ProfessionalId(id);
        return new Pro(pro, account(Role.PROFESSIONAL, name, null, pro));
    }

    HygieUser representative(String name) {
        return account(Role.REPRESENTATIVE, name, null, null);
    }

    HygieUser staff(Role role, String name) {
        return account(role, name, null, null);
    }

    private HygieUser account(Role role, String name, PatientId patient, ProfessionalId professional) {
        UUID id = Ids.newId();
        String username = "u" + id.toString().replace("-", "").substring(0, 20);
        jdbc.sql("""
                INSERT INTO identity.account (id, username, role, display_name, patient_id, professional_id)
                VALUES (:id, :u, :role, :name, :p, :pro)""")
                .param("id", id).param("u", username).param("role", role.name()).param("name", name)
                .param("p", patient == null ? null : patient.value()).param("pro", professional == null ? null : professional.value())
                .update();
        return new HygieUser(new AccountId(id), username, null, role, name, patient, professional, null, true);
    }

    static DocumentFacts document(PatientId patient, String type, Pro author, ConfidentialityLabel... labels) {
        return new DocumentFacts(Ids.newId(), patient, type, author == null ? null : author.id(), Set.of(labels));
    }

    private static String digits(int n) {
        StringBuilder b = new StringBuilder();
        b.append(ThreadLocalRandom.current().nextInt(1, 10));
        for (int i = 1; i < n; i++) {
            b.append(ThreadLocalRandom.current().nextInt(10));
        }
        return b.toString();
    }
}
