package fr.hygie.demo;

import fr.hygie.identity.Accounts;
import fr.hygie.identity.NewAccount;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.identity.Professional;
import fr.hygie.identity.Professionals;
import fr.hygie.identity.Role;
import fr.hygie.platform.HygieHome;
import fr.hygie.synth.GenerationSpec;
import fr.hygie.synth.SynthPerson;
import fr.hygie.synth.SynthPersonHistory;
import fr.hygie.synth.SyntheticPopulation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Logins for load tests spread over the generated population (issue 13: every Gatling request read Marie Durand's
 * record, so every upload queued on her one journal chain). With {@code hygie.demo.bench-logins=N} (default 0:
 * nothing), after the generated population is loaded, opens demo accounts (password the demo password, refused by
 * the production profile like every demo account) for N generated médecins traitants ({@code bench-pro-<i>}) and N
 * generated persons ({@code bench-patient-<i>}), and writes, under {@code HYGIE_HOME/bench}, the feeders the
 * Gatling simulation reads: {@code professionals.csv} (a professional's login, then one of their patients — they
 * are her médecin traitant, so the policy lets her read and add — with the INS birth name and birth date for the
 * FHIR search) and {@code patients.csv} (a person's login and id). Generated data only; the files name no health
 * data (synthetic identities, never a diagnosis).
 */
@Component
class BenchLogins {

    private static final Logger log = LoggerFactory.getLogger(BenchLogins.class);
    /** A professional's patients listed in the feeder: enough to spread the reads, few enough to stay small. */
    private static final int PATIENTS_PER_PROFESSIONAL = 100;
    /** Persons regenerated to find them (the generator's whole history costs seconds per 10,000). */
    private static final int SCANNED_PERSONS = 20_000;

    private final Accounts accounts;
    private final Patients patients;
    private final Professionals professionals;
    private final HygieHome home;
    private final int count;

    BenchLogins(Accounts accounts, Patients patients, Professionals professionals, HygieHome home,
            @Value("${hygie.demo.bench-logins:0}") int count) {
        this.accounts = accounts;
        this.patients = patients;
        this.professionals = professionals;
        this.home = home;
        this.count = count;
    }

    void open(GenerationSpec spec, String passwordHash) {
        if (count <= 0) {
            return;
        }
        // The generator is deterministic: the same spec gives the persons and médecins traitants just loaded.
        Map<String, List<SynthPerson>> byTreating = new LinkedHashMap<>();
        List<SynthPerson> firstPersons = new ArrayList<>();
        SyntheticPopulation population = new SyntheticPopulation(spec);
        int scanned = Math.min(spec.persons(), SCANNED_PERSONS);
        for (SynthPersonHistory h : (Iterable<SynthPersonHistory>) population.histories(0, scanned)::iterator) {
            SynthPerson p = h.person();
            if (firstPersons.size() < count) {
                firstPersons.add(p);
            }
            if (p.medecinTraitantRpps() != null) {
                List<SynthPerson> list = byTreating.computeIfAbsent(p.medecinTraitantRpps(), k -> new ArrayList<>());
                if (list.size() < PATIENTS_PER_PROFESSIONAL) {
                    list.add(p);
                }
            }
        }
        List<String> proLines = new ArrayList<>();
        int pros = 0;
        for (Map.Entry<String, List<SynthPerson>> e : byTreating.entrySet()) {
            if (pros >= count) {
                break;
            }
            Optional<Professional> pro = professionals.byRpps(e.getKey());
            if (pro.isEmpty()) {
                continue;
            }
            String login = "bench-pro-" + pros++;
            accounts.create(new NewAccount(login, passwordHash, Role.PROFESSIONAL, "Professionnel de test " + pros, null,
                    pro.get().id(), pro.get().structure().orElse(null), true));
            for (SynthPerson p : e.getValue()) {
                patients.byMatricule(p.nir()).ifPresent(id ->
                        proLines.add(login + "," + id.value() + "," + p.birthName() + "," + p.birthDate()));
            }
        }
        List<String> patientLines = new ArrayList<>();
        int i = 0;
        for (SynthPerson p : firstPersons) {
            Optional<PatientId> id = patients.byMatricule(p.nir());
            if (id.isPresent()) {
                String login = "bench-patient-" + i++;
                accounts.create(new NewAccount(login, passwordHash, Role.PATIENT, "Personne de test " + i, id.get(), null, null, true));
                patientLines.add(login + "," + id.get().value());
            }
        }
        write(home.dir("bench").resolve("professionals.csv"), "login,patientId,family,birthdate", proLines);
        write(home.dir("bench").resolve("patients.csv"), "login,patientId", patientLines);
        log.info("Bench logins opened: {} professionals ({} patient rows), {} persons", pros, proLines.size(), patientLines.size());
    }

    private static void write(Path file, String header, List<String> lines) {
        List<String> all = new ArrayList<>(lines.size() + 1);
        all.add(header);
        all.addAll(lines);
        try {
            Files.write(file, all, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
