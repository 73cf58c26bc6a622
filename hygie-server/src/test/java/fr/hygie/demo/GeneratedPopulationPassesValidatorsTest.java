package fr.hygie.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import fr.hygie.identity.Finess;
import fr.hygie.identity.InsIdentity;
import fr.hygie.identity.InsMatricule;
import fr.hygie.identity.Nir;
import fr.hygie.identity.Professions;
import fr.hygie.identity.Rpps;
import fr.hygie.identity.Specialties;
import fr.hygie.synth.GenerationSpec;
import fr.hygie.synth.SyntheticPopulation;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generator's output goes through the server's own validators, not the generator's. */
class GeneratedPopulationPassesValidatorsTest {

    static final SyntheticPopulation POPULATION = new SyntheticPopulation(new GenerationSpec(20_000, 2026));

    @Test
    void everyGeneratedPersonHasAValidAndConsistentIns() {
        Set<String> seen = new HashSet<>();
        Set<String> departements = new HashSet<>();
        POPULATION.histories().forEach(h -> {
            var p = h.person();
            assertThatCode(() -> SyntheticPopulationLoader.patient(p)).as("person %d", p.index()).doesNotThrowAnyException();
            InsIdentity ins = SyntheticPopulationLoader.patient(p).ins();
            assertThat(ins.matricule()).isInstanceOf(Nir.class);
            assertThat(seen.add(p.nir())).as("NIR unique").isTrue();
            departements.add(InsMatricule.parse(p.nir()).birthPlaceCode().substring(0, 2));
        });
        // Corsica (2A/2B), overseas (97) and born abroad (99) are all exercised.
        assertThat(departements).contains("2A", "2B", "97", "99", "75");
    }

    @Test
    void everyGeneratedProfessionalAndStructureHasValidIdentifiersAndCodes() {
        POPULATION.professionals().forEach(p -> {
            assertThat(Rpps.check(p.rpps())).as(p.rpps()).isEmpty();
            assertThat(Professions.bundled().find(p.professionCode())).isPresent();
            if (p.specialtyCode() != null) {
                assertThatCode(() -> Specialties.bundled().requireFor(p.professionCode(), p.specialtyCode())).doesNotThrowAnyException();
            }
            assertThatCode(() -> SyntheticPopulationLoader.professional(p, null)).doesNotThrowAnyException();
        });
        POPULATION.structures().forEach(s -> {
            assertThat(Finess.check(s.finess())).as(s.finess()).isEmpty();
            assertThatCode(() -> SyntheticPopulationLoader.structure(s)).doesNotThrowAnyException();
        });
    }
}
