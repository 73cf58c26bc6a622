package fr.hygie.bench;

import fr.hygie.access.AccessAction;
import fr.hygie.access.AccessDecision;
import fr.hygie.access.AccessPolicy;
import fr.hygie.access.AccessRequest;
import fr.hygie.access.ActorFacts;
import fr.hygie.access.ConfidentialityLabel;
import fr.hygie.access.DocumentFacts;
import fr.hygie.access.HabilitationMatrix;
import fr.hygie.access.MandateFacts;
import fr.hygie.access.RelationshipFacts;
import fr.hygie.identity.AccountId;
import fr.hygie.identity.MandateKind;
import fr.hygie.identity.MandateScope;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The access decision (contrôle d'accès) alone: {@link AccessPolicy#decide} is a pure function of the
 * facts, so this measures the policy, not the SQL that gathers the facts (that cost is in
 * {@link RecordReadBenchmark}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AccessDecisionBenchmark {

    private AccessPolicy policy;
    private AccessRequest treatingPhysicianReads;
    private AccessRequest physiotherapistReadsLabTest;
    private AccessRequest patientReadsOwn;
    private AccessRequest legalRepresentativeReadsHidden;

    @Setup
    public void setUp() throws Exception {
        try (var in = new InputStreamReader(Objects.requireNonNull(
                HabilitationMatrix.class.getClassLoader().getResourceAsStream("access/matrice-habilitation-v1.csv")),
                StandardCharsets.UTF_8)) {
            policy = new AccessPolicy(HabilitationMatrix.parse("v1", in));
        }
        PatientId patient = new PatientId(UUID.randomUUID());
        ProfessionalId author = new ProfessionalId(UUID.randomUUID());
        DocumentFacts labTest = new DocumentFacts(UUID.randomUUID(), patient, "11502-2", author, Set.of());
        DocumentFacts hiddenFromParents = new DocumentFacts(UUID.randomUUID(), patient, "11488-4", author,
                EnumSet.of(ConfidentialityLabel.INVISIBLE_REPRESENTANTS_LEGAUX));
        AccountId account = new AccountId(UUID.randomUUID());
        treatingPhysicianReads = new AccessRequest(
                ActorFacts.professional(account, new ProfessionalId(UUID.randomUUID()), "10"), null, null,
                RelationshipFacts.NONE.withTreatingPhysician(true), AccessAction.READ, labTest);
        physiotherapistReadsLabTest = new AccessRequest(
                ActorFacts.professional(account, new ProfessionalId(UUID.randomUUID()), "70"), null, null,
                RelationshipFacts.NONE.withAuthorised(true), AccessAction.READ, labTest);
        patientReadsOwn = new AccessRequest(ActorFacts.patient(account, patient), null, null, null, AccessAction.READ,
                labTest);
        legalRepresentativeReadsHidden = new AccessRequest(ActorFacts.representative(account), patient,
                new MandateFacts(MandateKind.LEGAL_REPRESENTATIVE, EnumSet.allOf(MandateScope.class)), null,
                AccessAction.READ, hiddenFromParents);
    }

    @Benchmark
    public AccessDecision treatingPhysicianReadsADocument() {
        return policy.decide(treatingPhysicianReads);
    }

    @Benchmark
    public AccessDecision matrixRefusesAPhysiotherapist() {
        return policy.decide(physiotherapistReadsLabTest);
    }

    @Benchmark
    public AccessDecision patientReadsOwnDocument() {
        return policy.decide(patientReadsOwn);
    }

    @Benchmark
    public AccessDecision legalRepresentativeMeetsAHiddenDocument() {
        return policy.decide(legalRepresentativeReadsHidden);
    }
}
