package fr.hygie.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every identifier is checked with an implementation written independently of the generator's. */
class IdentifiersTest {

    @Test
    void everyNirHasTheRightKeyAndMatchesTheIdentityTraits() {
        List<SynthPerson> persons = TestPopulations.tenThousandHistories().stream().map(SynthPersonHistory::person).toList();

        assertThat(persons).allSatisfy(p -> {
            String nir = p.nir();
            assertThat(nir).hasSize(15);
            String body = nir.substring(0, 13).replace("2A", "19").replace("2B", "18");
            int key = 97 - new BigInteger(body).mod(BigInteger.valueOf(97)).intValue();
            assertThat(Integer.parseInt(nir.substring(13))).as("key of %s", nir).isEqualTo(key);
            assertThat(nir.charAt(0)).isEqualTo(p.sex() == Sex.M ? '1' : '2');
            assertThat(nir.substring(1, 3)).isEqualTo(String.format("%02d", p.birthDate().getYear() % 100));
            assertThat(nir.substring(3, 5)).isEqualTo(String.format("%02d", p.birthDate().getMonthValue()));
            assertThat(nir.substring(5, 10)).isEqualTo(p.birthPlaceCode());
            assertThat(nir.substring(10, 13)).isNotEqualTo("000");
            assertThat(Identifiers.isValidNir(nir)).isTrue();
        });
        assertThat(persons.stream().map(SynthPerson::nir).collect(Collectors.toSet())).hasSize(persons.size());
    }

    @Test
    void birthPlacesCoverCorsicaOverseasAndAbroad() {
        Set<String> places = TestPopulations.tenThousandHistories().stream()
                .map(h -> h.person().birthPlaceCode()).collect(Collectors.toSet());

        assertThat(places).allSatisfy(code -> assertThat(code).matches("(0[1-9]|[1-8]\\d|9[0-5])\\d{3}|2[AB]\\d{3}|97[1-6]\\d{2}|99\\d{3}"));
        assertThat(places).anyMatch(c -> c.startsWith("2A")).anyMatch(c -> c.startsWith("2B"))
                .anyMatch(c -> c.startsWith("971")).anyMatch(c -> c.startsWith("974")).anyMatch(c -> c.startsWith("976"))
                .anyMatch(c -> c.startsWith("99")).anyMatch(c -> c.startsWith("751"));
        // the NIR of someone born in Corsica keeps the letter, and the key is computed on 19/18
        SynthPerson corsican = TestPopulations.tenThousandHistories().stream().map(SynthPersonHistory::person)
                .filter(p -> p.birthPlaceCode().startsWith("2B")).findFirst().orElseThrow();
        assertThat(corsican.nir().substring(5, 7)).isEqualTo("2B");
    }

    @Test
    void aWrongNirIsRejected() {
        assertThat(Identifiers.isValidNir("185057800608491")).isTrue();
        assertThat(Identifiers.isValidNir("185057800608490")).isFalse(); // wrong key
        assertThat(Identifiers.isValidNir("385057800608491")).isFalse(); // impossible sex digit
        assertThat(Identifiers.isValidNir("185137800608491")).isFalse(); // month 13
        assertThat(Identifiers.isValidNir("18505780060849")).isFalse(); // 14 characters
        // born in Corse-du-Sud: 2A read as 19 for the key
        assertThat(Identifiers.isValidNir("269022A00412363")).isTrue();
        assertThat(Identifiers.nirKey("269022A004123")).isEqualTo(63);
    }

    @Test
    void everyRppsPassesLuhnAndIsUnique() {
        List<SynthProfessional> professionals = TestPopulations.tenThousand().professionals();

        assertThat(professionals).hasSize(40).allSatisfy(p -> {
            assertThat(p.rpps()).matches("\\d{11}");
            assertThat(luhnValid(p.rpps())).as(p.rpps()).isTrue();
            assertThat(p.idNatPs()).isEqualTo("8" + p.rpps());
        });
        assertThat(professionals.stream().map(SynthProfessional::rpps).distinct()).hasSize(professionals.size());
    }

    @Test
    void everyFinessIsWellFormedWithItsDepartmentIncludingCorsicaAndOverseas() {
        List<SynthStructure> structures = new SyntheticPopulation(new GenerationSpec(50_000, 3)).structures();
        Set<String> legalEntities = new HashSet<>();

        assertThat(structures).hasSize(83).allSatisfy(s -> {
            assertThat(s.finess()).hasSize(9).matches("(0[1-9]|[1-8]\\d|9[0-5]|2A|2B)\\d{7}|970[1-4]\\d{5}|985\\d{6}");
            String digits = s.finess().substring(0, 8).replace('A', '0').replace('B', '0') + s.finess().charAt(8);
            assertThat(luhnValid(digits)).as(s.finess()).isTrue();
            String expectedPrefix = switch (s.department()) {
                case "971" -> "9701";
                case "972" -> "9702";
                case "973" -> "9703";
                case "974" -> "9704";
                case "976" -> "985";
                default -> s.department();
            };
            assertThat(s.finess()).startsWith(expectedPrefix);
            if (s.kind() == SynthStructure.Kind.LEGAL_ENTITY) {
                assertThat(s.legalEntityFiness()).isNull();
                legalEntities.add(s.finess());
            } else {
                assertThat(legalEntities).contains(s.legalEntityFiness());
            }
        });
        assertThat(structures).anyMatch(s -> s.finess().startsWith("2A") || s.finess().startsWith("2B"))
                .anyMatch(s -> s.finess().startsWith("97")).anyMatch(s -> s.finess().startsWith("985"));
        assertThat(structures.stream().map(SynthStructure::finess).distinct()).hasSize(structures.size());
    }

    @Test
    void luhnOfTheGeneratorAgreesWithTheTextbookExample() {
        assertThat(Identifiers.luhnCheckDigit("7992739871")).isEqualTo(3);
        assertThat(Identifiers.isValidRpps("10003456781")).isEqualTo(luhnValid("10003456781"));
    }

    private static boolean luhnValid(String number) {
        int sum = 0;
        for (int i = 0; i < number.length(); i++) {
            int d = number.charAt(number.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
