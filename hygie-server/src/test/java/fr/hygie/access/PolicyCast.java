package fr.hygie.access;

import fr.hygie.identity.AccountId;
import fr.hygie.identity.MandateKind;
import fr.hygie.identity.MandateScope;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Role;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** The cast of the policy tests: a person, their doctors, a dentist, a podiatrist, a parent, a caregiver. */
final class PolicyCast {

    static final HabilitationMatrix MATRIX = loadMatrix();
    static final AccessPolicy POLICY = new AccessPolicy(MATRIX);

    static final PatientId ALICE = new PatientId(UUID.fromString("00000000-0000-7000-8000-00000000a11c"));
    static final PatientId BOB = new PatientId(UUID.fromString("00000000-0000-7000-8000-000000000b0b"));
    static final ActorFacts ALICE_HERSELF = ActorFacts.patient(new AccountId(UUID.randomUUID()), ALICE);

    static final ActorFacts DOCTOR = professional("10");
    static final ActorFacts OTHER_DOCTOR = professional("10");
    static final ActorFacts PHARMACIST = professional("21");
    static final ActorFacts DENTIST = professional("40");
    static final ActorFacts MIDWIFE = professional("50");
    static final ActorFacts NURSE = professional("60");
    static final ActorFacts PHYSIO = professional("70");
    static final ActorFacts PODIATRIST = professional("80");

    static final ActorFacts PARENT = ActorFacts.patient(new AccountId(UUID.randomUUID()), BOB);
    static final ActorFacts CAREGIVER = ActorFacts.representative(new AccountId(UUID.randomUUID()));

    static final String LAB_REPORT = "11502-2";
    static final String DISCHARGE_SUMMARY = "18842-5";
    static final String ADVANCE_DIRECTIVES = "42348-3";
    static final String DELIVERY_REPORT = "57057-2";
    static final String CONSULT_NOTE = "11488-4";

    static final RelationshipFacts AUTHORISED = RelationshipFacts.NONE.withAuthorised(true);
    static final RelationshipFacts TREATING = RelationshipFacts.NONE.withTreatingPhysician(true);

    private PolicyCast() {
    }

    static ActorFacts professional(String profession) {
        return ActorFacts.professional(new AccountId(UUID.randomUUID()), new ProfessionalId(UUID.randomUUID()), profession);
    }

    static DocumentFacts doc(String type, ConfidentialityLabel... labels) {
        return docBy(null, type, labels);
    }

    static DocumentFacts docBy(ActorFacts author, String type, ConfidentialityLabel... labels) {
        Set<ConfidentialityLabel> set = labels.length == 0 ? Set.of() : EnumSet.of(labels[0], labels);
        return new DocumentFacts(UUID.randomUUID(), ALICE, type, author == null ? null : author.professional(), set);
    }

    static MandateFacts mandate(MandateKind kind, MandateScope... scopes) {
        return new MandateFacts(kind, scopes.length == 0 ? Set.of() : EnumSet.of(scopes[0], scopes));
    }

    static AccessDecision professionalReads(ActorFacts pro, RelationshipFacts rel, AccessTarget target) {
        return POLICY.decide(new AccessRequest(pro, null, null, rel, AccessAction.READ, target));
    }

    static AccessDecision representativeDoes(ActorFacts rep, MandateFacts mandate, AccessAction action, AccessTarget target) {
        return POLICY.decide(new AccessRequest(rep, target.patient(), mandate, null, action, target));
    }

    static AccessDecision patientDoes(AccessAction action, AccessTarget target) {
        return POLICY.decide(new AccessRequest(ALICE_HERSELF, ALICE, null, null, action, target));
    }

    static AccessDecision roleDoes(Role role, AccessAction action, AccessTarget target) {
        return POLICY.decide(new AccessRequest(ActorFacts.of(role, new AccountId(UUID.randomUUID())), null, null,
                AUTHORISED.withTreatingPhysician(true), action, target));
    }

    private static HabilitationMatrix loadMatrix() {
        try (Reader in = new InputStreamReader(PolicyCast.class.getResourceAsStream("/access/matrice-habilitation-v1.csv"),
                StandardCharsets.UTF_8)) {
            return HabilitationMatrix.parse("v1", in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
