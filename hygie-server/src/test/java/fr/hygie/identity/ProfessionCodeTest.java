package fr.hygie.identity;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.support.HygieIntegrationTest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@link Professionals#professionCode}: what every access decision of a professional reads, without a query each time. */
@HygieIntegrationTest
class ProfessionCodeTest {

    @Autowired
    Professionals professionals;

    @Test
    void aProfessionalsProfessionCodeIsTheRegisteredOneEveryTimeItIsAsked() {
        String first10 = "1" + String.format("%09d", ThreadLocalRandom.current().nextInt(1_000_000_000));
        ProfessionalId id = professionals.register(new NewProfessional(Rpps.parse(Rpps.withCheckDigit(first10)), "21", null,
                "TESTEUR", "Paul", Sex.MALE, null, InseeCommuneCode.parse("69388"), 45.74, 4.87, 1, false, List.of("fr")));

        assertThat(professionals.professionCode(id)).contains("21");
        assertThat(professionals.professionCode(id)).contains("21");
        assertThat(professionals.byId(id).orElseThrow().professionCode()).isEqualTo("21");
    }

    @Test
    void anUnknownProfessionalHasNoProfession() {
        assertThat(professionals.professionCode(new ProfessionalId(UUID.randomUUID()))).isEmpty();
    }
}
