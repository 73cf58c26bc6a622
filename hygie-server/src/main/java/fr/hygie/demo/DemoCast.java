package fr.hygie.demo;

import fr.hygie.identity.AccountId;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.StructureId;
import java.util.Map;

/**
 * The ids of the named demo cast once loaded: logins to accounts, and the persons, professionals and
 * structures behind them. Other modules' demo data hang on these.
 */
public record DemoCast(Map<String, AccountId> accounts, Map<String, PatientId> patients,
        Map<String, ProfessionalId> professionals, Map<String, StructureId> structures) {

    public AccountId account(String login) {
        return require(accounts, login);
    }

    public PatientId patient(String login) {
        return require(patients, login);
    }

    public ProfessionalId professional(String login) {
        return require(professionals, login);
    }

    public StructureId structure(String key) {
        return require(structures, key);
    }

    private static <T> T require(Map<String, T> map, String key) {
        T v = map.get(key);
        if (v == null) {
            throw new IllegalArgumentException("No demo entry " + key);
        }
        return v;
    }
}
