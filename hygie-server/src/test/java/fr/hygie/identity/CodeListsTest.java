package fr.hygie.identity;

import static fr.hygie.identity.Reasons.refused;
import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.InvalidIdentifier.Reason;
import org.junit.jupiter.api.Test;

class CodeListsTest {

    @Test
    void code10IsThePhysician() {
        Profession physician = Professions.bundled().require("10");

        assertThat(physician.labelFr()).isEqualTo("Médecin");
        assertThat(physician.labelEn()).isEqualTo("Physician");
        assertThat(physician.oid()).isEqualTo("1.2.250.1.71.1.2.7");
        assertThat(physician.system()).isEqualTo("https://mos.esante.gouv.fr/NOS/TRE_G15-ProfessionSante/FHIR/TRE-G15-ProfessionSante");
    }

    @Test
    void theMainProfessionsAreBundled() {
        assertThat(Professions.bundled().all()).extracting(Profession::code)
                .contains("10", "21", "40", "50", "60", "70", "80", "91", "92");
    }

    @Test
    void anUnknownProfessionIsRefused() {
        refused(() -> Professions.bundled().require("99"), Reason.PROFESSION_UNKNOWN, "99");
    }

    @Test
    void generalPracticeIsSm54AndBelongsToPhysicians() {
        Specialty gp = Specialties.bundled().require("SM54");

        assertThat(gp.labelFr()).isEqualTo("Médecine générale (SM)");
        assertThat(gp.professionCode()).isEqualTo("10");
        assertThat(gp.oid()).isEqualTo("1.2.250.1.213.2.28");
    }

    @Test
    void orthodonticsBelongsToDentists() {
        assertThat(Specialties.bundled().requireFor("40", "SCD01").labelFr()).isEqualTo("Orthopédie dento-faciale (SCD)");
    }

    @Test
    void aNurseCannotHoldAMedicalSpecialty() {
        refused(() -> Specialties.bundled().requireFor("60", "SM40"), Reason.SPECIALTY_NOT_FOR_PROFESSION, "SM40");
    }

    @Test
    void anUnknownSpecialtyIsRefused() {
        refused(() -> Specialties.bundled().require("SM00"), Reason.SPECIALTY_UNKNOWN, "SM00");
    }

    @Test
    void everyPhysicianSpecialtyIsAnSmCode() {
        assertThat(Specialties.bundled().forProfession("10")).isNotEmpty()
                .allSatisfy(s -> assertThat(s.code()).startsWith("SM"));
        assertThat(Specialties.bundled().forProfession("21")).isEmpty();
    }
}
