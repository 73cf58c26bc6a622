package fr.hygie.identity;

import fr.hygie.platform.web.InvalidInput;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Turns what a person typed (strings, from a form or a JSON body) into validated registrations, so
 * that pages and APIs refuse the same input for the same reason.
 */
public final class RegistrationRequests {

    private RegistrationRequests() {
    }

    /** Raw fields of a person to register. */
    public record PatientForm(String matricule, String birthName, String firstNames, String birthDate, String sex,
            String birthPlace, String usedName, String addressLine, String postcode, String commune, String phone,
            String email, String insStatus) {
    }

    public static NewPatient patient(PatientForm f) {
        InsMatricule matricule = InsMatricule.parse(f.matricule());
        InsTraits traits = new InsTraits(f.birthName(), f.firstNames(), date(f.birthDate(), "birthDate"),
                Sex.fromCode(f.sex() == null ? "" : f.sex().trim().toUpperCase()).orElseThrow(
                        () -> new InvalidIdentifier(InvalidIdentifier.Reason.SEX, "sex")),
                f.birthPlace());
        InsStatus status = f.insStatus() == null || f.insStatus().isBlank() ? InsStatus.RETRIEVED : parseStatus(f.insStatus());
        InsIdentity ins = InsIdentity.of(matricule, traits, status);
        InseeCommuneCode commune = blank(f.commune()) ? null : InseeCommuneCode.parse(f.commune());
        return new NewPatient(ins, blank(f.usedName()) ? null : f.usedName().trim(), f.addressLine(), f.postcode(), commune,
                null, null, blank(f.phone()) ? null : f.phone().trim(), blank(f.email()) ? null : f.email().trim(), true);
    }

    /** Raw fields of a professional to register. */
    public record ProfessionalForm(String rpps, String professionCode, String specialtyCode, String familyName,
            String givenName, String sex, String structureFiness, String commune, Integer sector, Boolean teleconsultation,
            List<String> languages) {
    }

    public static NewProfessional professional(ProfessionalForm f, StructureId structure) {
        return new NewProfessional(Rpps.parse(f.rpps()), f.professionCode(), f.specialtyCode(), f.familyName(),
                f.givenName(), blank(f.sex()) ? null : Sex.fromCode(f.sex().trim().toUpperCase()).orElse(null), structure,
                blank(f.commune()) ? null : InseeCommuneCode.parse(f.commune()), null, null, f.sector(),
                Boolean.TRUE.equals(f.teleconsultation()), f.languages());
    }

    /** Raw fields of a structure to register. */
    public record StructureForm(String finess, String kind, String legalEntityFiness, String name, String category,
            String addressLine, String postcode, String commune, Double latitude, Double longitude) {
    }

    public static NewStructure structure(StructureForm f) {
        StructureKind kind;
        try {
            kind = StructureKind.valueOf(f.kind() == null ? "" : f.kind().trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("STRUCTURE_KIND", "kind", "Le type de structure est LEGAL_ENTITY (entité juridique) ou GEOGRAPHIC_SITE (établissement).");
        }
        return new NewStructure(Finess.parse(f.finess()), kind,
                blank(f.legalEntityFiness()) ? null : Finess.parse(f.legalEntityFiness()), f.name(), f.category(),
                f.addressLine(), f.postcode(), blank(f.commune()) ? null : InseeCommuneCode.parse(f.commune()),
                f.latitude(), f.longitude());
    }

    private static InsStatus parseStatus(String s) {
        try {
            return InsStatus.valueOf(s.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new InvalidIdentifier(InvalidIdentifier.Reason.INS_STATUS, "insStatus");
        }
    }

    private static LocalDate date(String s, String field) {
        try {
            return LocalDate.parse(s == null ? "" : s.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidIdentifier(InvalidIdentifier.Reason.BIRTH_DATE, field);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
