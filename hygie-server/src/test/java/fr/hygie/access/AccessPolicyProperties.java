package fr.hygie.access;

import static fr.hygie.access.PolicyCast.ALICE;
import static fr.hygie.access.PolicyCast.POLICY;
import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.AccountId;
import fr.hygie.identity.MandateKind;
import fr.hygie.identity.MandateScope;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties the policy must hold whatever the facts. */
class AccessPolicyProperties {

    private static final ProfessionalId SOMEONE_ELSE = new ProfessionalId(UUID.randomUUID());

    @Property
    void addingMasquePsNeverWidensVisibility(@ForAll("requests") AccessRequest request) {
        if (!(request.target() instanceof DocumentFacts)) {
            return;
        }
        DocumentFacts doc = (DocumentFacts) request.target();
        EnumSet<ConfidentialityLabel> more = EnumSet.of(ConfidentialityLabel.MASQUE_PS);
        more.addAll(doc.labels());
        AccessRequest masked = withTarget(request, new DocumentFacts(doc.documentId(), doc.patient(), doc.typeCode(), doc.author(), more));
        if (isRead(request.action()) && POLICY.decide(masked).permitted()) {
            assertThat(POLICY.decide(request).permitted()).isTrue();
        }
    }

    @Property
    void aBlockWinsOverAnAuthorisationExceptForTheTreatingPhysician(@ForAll("professionalReads") AccessRequest request) {
        RelationshipFacts rel = request.relationship();
        boolean author = request.target() instanceof DocumentFacts
                && request.actor().professional().equals(((DocumentFacts) request.target()).author());
        AccessDecision blocked = POLICY.decide(withRelationship(request, rel.withBlocked(true)));
        if (rel.treatingPhysician()) {
            assertThat(blocked).isEqualTo(POLICY.decide(withRelationship(request, rel.withBlocked(false))));
        } else if (!author) {
            assertThat(blocked).isEqualTo(AccessDecision.deny(ReasonCode.BLOCKED));
        }
    }

    @Property
    void representativesNeverExceedTheirMandate(@ForAll("representativeRequests") AccessRequest request) {
        AccessDecision decision = POLICY.decide(request);
        if (!decision.permitted()) {
            return;
        }
        MandateFacts m = request.mandate();
        assertThat(request.action()).isNotEqualTo(AccessAction.MANAGE_REPRESENTATIVES);
        if (isRead(request.action())) {
            assertThat(m.allows(MandateScope.VIEW_DOCUMENTS)).isTrue();
        } else {
            assertThat(m.allows(MandateScope.MANAGE_SHARING)).isTrue();
        }
        // never more than the person themself may do
        AccessRequest asThePerson = new AccessRequest(ActorFacts.patient(request.actor().accountId(), ALICE), ALICE, null, null,
                request.action(), request.target());
        assertThat(POLICY.decide(asThePerson).permitted()).isTrue();
        if (m.kind() == MandateKind.LEGAL_REPRESENTATIVE && request.target() instanceof DocumentFacts) {
            assertThat(((DocumentFacts) request.target()).labelled(ConfidentialityLabel.INVISIBLE_REPRESENTANTS_LEGAUX)).isFalse();
        }
    }

    @Property
    void counterAgentsAndAdminsNeverReadContent(@ForAll("requests") AccessRequest request,
            @ForAll("rolesWithoutContent") Role role) {
        ActorFacts a = request.actor();
        AccessRequest asRole = new AccessRequest(new ActorFacts(role, a.accountId(), a.ownPatient(), a.professional(), a.professionCode()),
                request.actingFor(), request.mandate(), request.relationship(), request.action(), request.target(), request.justification());
        assertThat(POLICY.decide(asRole).permitted()).isFalse();
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<Role> rolesWithoutContent() {
        return Arbitraries.of(Role.COUNTER_AGENT, Role.ADMIN, Role.AUDITOR, Role.RESEARCHER, Role.REVIEWER, Role.HUMAN_CONTACT);
    }

    @Provide
    Arbitrary<AccessRequest> requests() {
        return Arbitraries.oneOf(professionalReads(), representativeRequests(), professionalRequests());
    }

    @Provide
    Arbitrary<AccessRequest> professionalReads() {
        return Combinators.combine(professionals(), relationships(), Arbitraries.of(AccessAction.READ, AccessAction.LIST), Arbitraries.integers().between(0, 2))
                .flatAs((pro, rel, action, authorship) -> targets(authorship == 0 ? pro.professional() : authorship == 1 ? SOMEONE_ELSE : null)
                        .map(t -> new AccessRequest(pro, null, null, rel, action, t)));
    }

    Arbitrary<AccessRequest> professionalRequests() {
        return Combinators.combine(professionals(), relationships(), Arbitraries.of(AccessAction.class), Arbitraries.integers().between(0, 2),
                Arbitraries.strings().ofMaxLength(30).injectNull(0.2))
                .flatAs((pro, rel, action, authorship, justification) -> targets(authorship == 0 ? pro.professional() : authorship == 1 ? SOMEONE_ELSE : null)
                        .map(t -> new AccessRequest(pro, null, null, rel, action, t, justification)));
    }

    @Provide
    Arbitrary<AccessRequest> representativeRequests() {
        Arbitrary<MandateFacts> mandates = Combinators.combine(Arbitraries.of(MandateKind.class),
                Arbitraries.subsetOf(MandateScope.values())).as((k, s) -> new MandateFacts(k, s));
        Arbitrary<ActorFacts> reps = Arbitraries.of(
                ActorFacts.representative(new AccountId(UUID.randomUUID())),
                ActorFacts.patient(new AccountId(UUID.randomUUID()), PolicyCast.BOB));
        return Combinators.combine(reps, mandates, Arbitraries.of(AccessAction.class), Arbitraries.integers().between(0, 1))
                .flatAs((rep, m, action, authored) -> targets(authored == 0 ? SOMEONE_ELSE : null)
                        .map(t -> new AccessRequest(rep, ALICE, m, null, action, t)));
    }

    private Arbitrary<ActorFacts> professionals() {
        return Arbitraries.of("10", "21", "40", "50", "60", "70", "80")
                .map(code -> ActorFacts.professional(new AccountId(UUID.randomUUID()), new ProfessionalId(UUID.randomUUID()), code));
    }

    private Arbitrary<RelationshipFacts> relationships() {
        Arbitrary<Boolean> b = Arbitraries.of(true, false);
        return Combinators.combine(b, b, b, b, b, b).as(RelationshipFacts::new);
    }

    private Arbitrary<AccessTarget> targets(ProfessionalId author) {
        List<String> types = new java.util.ArrayList<>(PolicyCast.MATRIX.rows().stream().map(HabilitationMatrix.Row::typeCode).toList());
        types.add("99999-9");
        Arbitrary<String> type = Arbitraries.of(types);
        Arbitrary<Set<ConfidentialityLabel>> labels = Arbitraries.subsetOf(ConfidentialityLabel.values());
        Arbitrary<AccessTarget> docs = Combinators.combine(type, labels)
                .as((t, l) -> new DocumentFacts(UUID.randomUUID(), ALICE, t, author, l));
        Arbitrary<AccessTarget> sections = type.map(t -> new ProfileSection(ALICE, t));
        Arbitrary<AccessTarget> scopes = Arbitraries.of("DocumentReference", "CareTeam").map(t -> new PatientScope(ALICE, t));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, docs), net.jqwik.api.Tuple.of(2, sections), net.jqwik.api.Tuple.of(1, scopes));
    }

    private static boolean isRead(AccessAction action) {
        return action == AccessAction.READ || action == AccessAction.LIST;
    }

    private static AccessRequest withTarget(AccessRequest r, AccessTarget t) {
        return new AccessRequest(r.actor(), r.actingFor(), r.mandate(), r.relationship(), r.action(), t, r.justification());
    }

    private static AccessRequest withRelationship(AccessRequest r, RelationshipFacts rel) {
        return new AccessRequest(r.actor(), r.actingFor(), r.mandate(), rel, r.action(), r.target(), r.justification());
    }
}
