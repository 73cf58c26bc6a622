package fr.hygie.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The register of persons (usagers) with their INS: the only reader of {@code identity.patient}. */
@Service
public class Patients {

    private final JdbcClient jdbc;

    Patients(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Patient> byId(PatientId id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id.value()).query(Patients::map).optional();
    }

    /** The INS matricule (NIR or NIA) of a person: for FHIR identifiers and INS checks, never for logs or URLs. */
    public Optional<String> matricule(PatientId id) {
        return jdbc.sql("SELECT matricule FROM identity.patient WHERE id = :id").param("id", id.value())
                .query(String.class).optional();
    }

    public Optional<PatientId> byMatricule(String matricule) {
        return jdbc.sql("SELECT id FROM identity.patient WHERE matricule = :m").param("m", matricule)
                .query((rs, n) -> new PatientId(rs.getObject(1, UUID.class))).optional();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM identity.patient").query(Long.class).single();
    }

    static final String SELECT = """
            SELECT id, birth_name, first_names, used_name, birth_date, sex, birth_place_insee, commune_insee, postcode,
                   ins_status, digital_user
            FROM identity.patient""";

    static Patient map(ResultSet rs, int n) throws SQLException {
        return new Patient(new PatientId(rs.getObject("id", UUID.class)), rs.getString("birth_name"),
                rs.getString("first_names"), rs.getString("used_name"), rs.getDate("birth_date").toLocalDate(),
                rs.getString("sex"), rs.getString("birth_place_insee"), rs.getString("commune_insee"),
                rs.getString("postcode"), rs.getString("ins_status"), rs.getBoolean("digital_user"));
    }

}
