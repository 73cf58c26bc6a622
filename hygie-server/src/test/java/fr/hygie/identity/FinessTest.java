package fr.hygie.identity;

import static fr.hygie.identity.Reasons.refused;
import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.InvalidIdentifier.Reason;
import org.junit.jupiter.api.Test;

class FinessTest {

    @Test
    void aParisianLegalEntityIsValid() {
        Finess finess = Finess.parse("75 071 218 4");

        assertThat(finess.value()).isEqualTo("750712184");
        assertThat(finess.departement()).isEqualTo("75");
    }

    @Test
    void aReunionStructureHas97AndTerritoryDigit4() {
        Finess finess = Finess.parse("970421038");

        assertThat(finess.departement()).isEqualTo("974");
    }

    @Test
    void aMayotteStructureStartsWith98() {
        String number = Finess.withCheckDigit("98050005");

        assertThat(number).isEqualTo("980500052");
        assertThat(Finess.parse(number).departement()).isEqualTo("98");
    }

    @Test
    void aCorsicanStructureStartsWith2A() {
        assertThat(Finess.parse("2a0000014").departement()).isEqualTo("2A");
    }

    @Test
    void aWrongLuhnKeyIsRefused() {
        refused(() -> Finess.parse("750712185"), Reason.FINESS_CHECK_DIGIT, "750712185");
    }

    @Test
    void eightCharactersAreRefusedForTheirLength() {
        refused(() -> Finess.parse("75071218"), Reason.FINESS_LENGTH, "75071218");
    }

    @Test
    void aLetterOutsideTheCorsicanDepartementIsRefused() {
        refused(() -> Finess.parse("2C0000014"), Reason.FINESS_CHARACTERS, "2C0000014");
    }

    @Test
    void departement99IsRefused() {
        String number = Finess.withCheckDigit("99000001");
        refused(() -> Finess.parse(number), Reason.FINESS_DEPARTEMENT, number);
    }

    @Test
    void anOverseasTerritoryDigitOutside1To5IsRefused() {
        String number = Finess.withCheckDigit("97090001");
        refused(() -> Finess.parse(number), Reason.FINESS_DEPARTEMENT, number);
    }

    @Test
    void theTwoStructureKindsCarryTheirFinessAbbreviations() {
        assertThat(StructureKind.LEGAL_ENTITY.abbreviation()).isEqualTo("EJ");
        assertThat(StructureKind.GEOGRAPHIC_SITE.labelFr()).isEqualTo("établissement géographique");
    }
}
