package fr.hygie.bench;

import fr.hygie.access.Actor;
import fr.hygie.identity.Accounts;
import fr.hygie.access.CareTeam;
import fr.hygie.identity.InsIdentity;
import fr.hygie.identity.InsStatus;
import fr.hygie.identity.InsTraits;
import fr.hygie.identity.NewPatient;
import fr.hygie.identity.Nir;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Sex;
import fr.hygie.journal.JournalChannel;
import fr.hygie.record.AddOutcome;
import fr.hygie.record.ContentType;
import fr.hygie.record.Documents;
import fr.hygie.record.NewDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Document upload in process: the médecin traitant adds a 100 KB text document to Marie Durand's
 * space through {@link Documents#add} (validation and sniffing, access decision journaled in the
 * transaction, AES-GCM under a fresh data key, ciphertext written and fsynced, row inserted, durable
 * commit). Every upload goes to the same person, as in the Gatling scenario: the worst case for her
 * journal chain's head lock. The HTTP scenario adds the multipart parsing and the form page.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DocumentAddBenchmark {

    private HygieContext hygie;
    private Documents documents;
    private Actor medecin;
    private PatientId patientId;
    private byte[] content;
    /** Persons whose médecin traitant is the demo médecin, for the upload spread over many persons' chains. */
    private List<PatientId> persons;
    private final AtomicInteger next = new AtomicInteger();

    @Setup(Level.Trial)
    public void start() throws IOException {
        hygie = new HygieContext(Map.of("hygie.demo.persons", "0"));
        documents = hygie.bean(Documents.class);
        Accounts accounts = hygie.bean(Accounts.class);
        medecin = Actor.of(accounts.loadUserByUsername("medecin"));
        patientId = Actor.of(accounts.loadUserByUsername("patient")).user().patientId().orElseThrow();
        persons = registerPersonsOf(medecin.user().professionalId().orElseThrow(), PERSONS);
        StringBuilder s = new StringBuilder(100 * 1024);
        int line = 0;
        while (s.length() < 100 * 1024 - 80) {
            s.append("Ligne ").append(line++).append(" : glycémie à jeun 0,95 g/L, HbA1c 5,6 %, créatinine 8 mg/L.\n");
        }
        content = s.toString().getBytes(StandardCharsets.UTF_8);
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        hygie.close();
    }

    @Benchmark
    public AddOutcome addOneThread() {
        return add();
    }

    @Benchmark
    @Threads(8)
    public AddOutcome addEightThreads() {
        return add();
    }

    /**
     * Eight uploaders at once, each upload to the next of {@value #PERSONS} persons of the same médecin traitant: the
     * Gatling scenario's spread over many persons (no single journal chain serialises them), in process.
     */
    @Benchmark
    @Threads(8)
    public AddOutcome addEightThreadsManyPersons() {
        return add(persons.get(Math.floorMod(next.getAndIncrement(), persons.size())));
    }

    private static final int PERSONS = 64;

    /** Registers {@code n} adults (generated NIRs, born in Paris) with {@code pro} as their médecin traitant. */
    private List<PatientId> registerPersonsOf(ProfessionalId pro, int n) {
        Patients patients = hygie.bean(Patients.class);
        Map<PatientId, ProfessionalId> treating = new LinkedHashMap<>();
        for (int i = 0; treating.size() < n; i++) {
            String body = "1" + String.format("%02d%02d", 60 + i % 40, 1 + i % 12) + "75056" + String.format("%03d", 1 + i / 480);
            Nir nir = Nir.parse(body + Nir.key(body));
            if (patients.byMatricule(nir.value()).isPresent()) {
                continue;
            }
            PatientId id = patients.register(new NewPatient(InsIdentity.of(nir, new InsTraits("BANC", "ESSAI",
                    LocalDate.of(1960 + i % 40, 1 + i % 12, 15), Sex.MALE, "75056"), InsStatus.QUALIFIED),
                    null, null, null, null, null, null, null, null, true));
            treating.put(id, pro);
        }
        hygie.bean(CareTeam.class).importTreatingPhysicians(treating, LocalDate.of(2026, 1, 1));
        return new ArrayList<>(treating.keySet());
    }

    private AddOutcome add() {
        return add(patientId);
    }

    private AddOutcome add(PatientId to) {
        AddOutcome outcome = documents.add(medecin, new NewDocument(to, "11502-2", "Bilan (bench)",
                LocalDate.of(2026, 11, 1), Set.of(), ContentType.TEXT, content), JournalChannel.WEB);
        if (!(outcome instanceof AddOutcome.Added)) {
            throw new IllegalStateException("upload refused: " + outcome);
        }
        return outcome;
    }
}
