package fr.hygie.access;

import static fr.hygie.access.PolicyCast.*;
import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.MandateKind;
import fr.hygie.identity.MandateScope;
import fr.hygie.identity.Role;
import org.junit.jupiter.api.Test;

/** One scenario per rule of DOMAIN "Who may see what". */
class AccessPolicyTest {

    // ------------------------------------------------------------------ rule 1: a basis, and no block

    @Test
    void anAuthorisedProfessionalReadsADocumentOfAVisibleType() {
        assertThat(professionalReads(NURSE, AUTHORISED, doc(LAB_REPORT))).isEqualTo(AccessDecision.permit(ReasonCode.CARE_TEAM_AUTHORISED));
    }

    @Test
    void aProfessionalOutsideTheCareTeamSeesNothing() {
        assertThat(professionalReads(DOCTOR, RelationshipFacts.NONE, doc(LAB_REPORT))).isEqualTo(AccessDecision.deny(ReasonCode.NOT_IN_CARE_TEAM));
    }

    @Test
    void aBlockedProfessionalSeesNothingEvenWhenAuthorised() {
        assertThat(professionalReads(DOCTOR, AUTHORISED.withBlocked(true), doc(LAB_REPORT))).isEqualTo(AccessDecision.deny(ReasonCode.BLOCKED));
    }

    @Test
    void theTreatingPhysicianCannotBeBlocked() {
        assertThat(professionalReads(DOCTOR, TREATING.withBlocked(true), doc(LAB_REPORT)))
                .isEqualTo(AccessDecision.permit(ReasonCode.TREATING_PHYSICIAN));
    }

    @Test
    void anEmergencySessionOpensTheRecordToAProfessionalOutsideTheCareTeam() {
        assertThat(professionalReads(OTHER_DOCTOR, RelationshipFacts.NONE.withEmergencySession(true), doc(DISCHARGE_SUMMARY)))
                .isEqualTo(AccessDecision.permit(ReasonCode.EMERGENCY_ACCESS));
    }

    @Test
    void aBlockStillAppliesInsideAnEmergencySession() {
        assertThat(professionalReads(OTHER_DOCTOR, RelationshipFacts.NONE.withEmergencySession(true).withBlocked(true), doc(DISCHARGE_SUMMARY)))
                .isEqualTo(AccessDecision.deny(ReasonCode.BLOCKED));
    }

    @Test
    void aProfessionalAccountWithoutAProfessionIsRefused() {
        ActorFacts unknown = professional(null);
        assertThat(professionalReads(unknown, AUTHORISED, doc(LAB_REPORT))).isEqualTo(AccessDecision.deny(ReasonCode.UNKNOWN_PROFESSIONAL));
    }

    // ------------------------------------------------------------------ rule 2: the matrice d'habilitation

    @Test
    void aDentistDoesNotSeeAdvanceDirectives() {
        assertThat(professionalReads(DENTIST, AUTHORISED, doc(ADVANCE_DIRECTIVES))).isEqualTo(AccessDecision.deny(ReasonCode.MATRIX_FORBIDS_TYPE));
    }

    @Test
    void aDentistDoesNotSeeTheAdvanceDirectivesSectionOfTheWishes() {
        assertThat(professionalReads(DENTIST, AUTHORISED, new ProfileSection(ALICE, ProfileSection.ADVANCE_DIRECTIVES)))
                .isEqualTo(AccessDecision.deny(ReasonCode.MATRIX_FORBIDS_TYPE));
    }

    @Test
    void aPodiatristDoesNotSeeADeliveryReport() {
        assertThat(professionalReads(PODIATRIST, AUTHORISED, doc(DELIVERY_REPORT))).isEqualTo(AccessDecision.deny(ReasonCode.MATRIX_FORBIDS_TYPE));
    }

    @Test
    void aMidwifeSeesADeliveryReport() {
        assertThat(professionalReads(MIDWIFE, AUTHORISED, doc(DELIVERY_REPORT)).permitted()).isTrue();
    }

    @Test
    void theMatrixAppliesEvenInsideAnEmergencySession() {
        assertThat(professionalReads(DENTIST, RelationshipFacts.NONE.withEmergencySession(true), doc(ADVANCE_DIRECTIVES)))
                .isEqualTo(AccessDecision.deny(ReasonCode.MATRIX_FORBIDS_TYPE));
    }

    @Test
    void theAuthorAlwaysSeesWhatTheyWroteEvenOutsideTheMatrix() {
        assertThat(professionalReads(DENTIST, RelationshipFacts.NONE, docBy(DENTIST, ADVANCE_DIRECTIVES, ConfidentialityLabel.MASQUE_PS)))
                .isEqualTo(AccessDecision.permit(ReasonCode.AUTHOR));
    }

    @Test
    void anUnknownDocumentTypeIsVisibleToDoctorsOnly() {
        assertThat(professionalReads(DOCTOR, AUTHORISED, doc("99999-9")).permitted()).isTrue();
        assertThat(professionalReads(NURSE, AUTHORISED, doc("99999-9"))).isEqualTo(AccessDecision.deny(ReasonCode.MATRIX_FORBIDS_TYPE));
    }

    @Test
    void theMatrixIsVersioned() {
        assertThat(MATRIX.version()).isEqualTo("v1");
        assertThat(MATRIX.professions()).containsExactly("10", "21", "40", "50", "60", "70", "80");
        assertThat(MATRIX.knows(DELIVERY_REPORT)).isTrue();
    }

    // ------------------------------------------------------------------ rule 3: MASQUE_PS

    @Test
    void aMaskedDocumentIsHiddenFromAnAuthorisedProfessional() {
        assertThat(professionalReads(DOCTOR, AUTHORISED, doc(LAB_REPORT, ConfidentialityLabel.MASQUE_PS)))
                .isEqualTo(AccessDecision.deny(ReasonCode.MASKED_FOR_PROFESSIONALS));
    }

    @Test
    void theTreatingPhysicianSeesMaskedDocuments() {
        assertThat(professionalReads(DOCTOR, TREATING, doc(LAB_REPORT, ConfidentialityLabel.MASQUE_PS)))
                .isEqualTo(AccessDecision.permit(ReasonCode.TREATING_PHYSICIAN));
    }

    @Test
    void theAuthorSeesTheirMaskedDocument() {
        assertThat(professionalReads(NURSE, RelationshipFacts.NONE, docBy(NURSE, LAB_REPORT, ConfidentialityLabel.MASQUE_PS)))
                .isEqualTo(AccessDecision.permit(ReasonCode.AUTHOR));
    }

    @Test
    void thePatientSeesTheirMaskedDocument() {
        assertThat(patientDoes(AccessAction.READ, doc(LAB_REPORT, ConfidentialityLabel.MASQUE_PS)))
                .isEqualTo(AccessDecision.permit(ReasonCode.PATIENT_OWN_RECORD));
    }

    // ------------------------------------------------------------------ the person

    @Test
    void thePatientDoesNotSeeADocumentTheAuthorHasNotReleased() {
        assertThat(patientDoes(AccessAction.READ, docBy(DOCTOR, LAB_REPORT, ConfidentialityLabel.INVISIBLE_PATIENT)))
                .isEqualTo(AccessDecision.deny(ReasonCode.INVISIBLE_TO_PATIENT));
    }

    @Test
    void professionalsStillSeeADocumentHiddenFromThePatient() {
        assertThat(professionalReads(OTHER_DOCTOR, AUTHORISED, docBy(DOCTOR, LAB_REPORT, ConfidentialityLabel.INVISIBLE_PATIENT)).permitted()).isTrue();
    }

    @Test
    void onlyTheAuthorReleasesADocumentHiddenFromThePatient() {
        DocumentFacts hidden = docBy(DOCTOR, LAB_REPORT, ConfidentialityLabel.INVISIBLE_PATIENT);
        assertThat(POLICY.decide(new AccessRequest(DOCTOR, null, null, RelationshipFacts.NONE, AccessAction.RELEASE, hidden)))
                .isEqualTo(AccessDecision.permit(ReasonCode.AUTHOR));
        assertThat(POLICY.decide(new AccessRequest(OTHER_DOCTOR, null, null, TREATING, AccessAction.RELEASE, hidden)))
                .isEqualTo(AccessDecision.deny(ReasonCode.NOT_THE_AUTHOR));
        assertThat(patientDoes(AccessAction.RELEASE, hidden)).isEqualTo(AccessDecision.deny(ReasonCode.INVISIBLE_TO_PATIENT));
    }

    @Test
    void thePatientManagesTheirOwnSharing() {
        assertThat(patientDoes(AccessAction.MANAGE_SHARING, new PatientScope(ALICE, "CareTeam")))
                .isEqualTo(AccessDecision.permit(ReasonCode.PATIENT_OWN_RECORD));
    }

    @Test
    void aPatientCannotReadSomeoneElsesRecordWithoutAMandate() {
        assertThat(POLICY.decide(new AccessRequest(PARENT, null, null, null, AccessAction.READ, doc(LAB_REPORT))))
                .isEqualTo(AccessDecision.deny(ReasonCode.NO_MANDATE));
    }

    // ------------------------------------------------------------------ representatives

    @Test
    void aCaregiverWithViewScopeSeesWhatThePersonSees() {
        assertThat(representativeDoes(CAREGIVER, mandate(MandateKind.CAREGIVER, MandateScope.VIEW_DOCUMENTS), AccessAction.READ, doc(LAB_REPORT)))
                .isEqualTo(AccessDecision.permit(ReasonCode.REPRESENTATIVE_WITHIN_MANDATE));
    }

    @Test
    void aCaregiverWithoutViewScopeSeesNothing() {
        assertThat(representativeDoes(CAREGIVER, mandate(MandateKind.CAREGIVER, MandateScope.MANAGE_APPOINTMENTS), AccessAction.READ, doc(LAB_REPORT)))
                .isEqualTo(AccessDecision.deny(ReasonCode.MANDATE_SCOPE_MISSING));
    }

    @Test
    void aCaregiverDoesNotSeeWhatIsHiddenFromThePerson() {
        assertThat(representativeDoes(CAREGIVER, mandate(MandateKind.CAREGIVER, MandateScope.VIEW_DOCUMENTS), AccessAction.READ,
                docBy(DOCTOR, LAB_REPORT, ConfidentialityLabel.INVISIBLE_PATIENT)))
                .isEqualTo(AccessDecision.deny(ReasonCode.INVISIBLE_TO_PATIENT));
    }

    @Test
    void aParentDoesNotSeeTheMinorsConfidentialDocument() {
        assertThat(representativeDoes(PARENT, mandate(MandateKind.LEGAL_REPRESENTATIVE, MandateScope.values()), AccessAction.READ,
                doc(CONSULT_NOTE, ConfidentialityLabel.INVISIBLE_REPRESENTANTS_LEGAUX)))
                .isEqualTo(AccessDecision.deny(ReasonCode.INVISIBLE_TO_LEGAL_REPRESENTATIVES));
    }

    @Test
    void aCaregiverIsNotAParentAndSeesADocumentHiddenFromParents() {
        assertThat(representativeDoes(CAREGIVER, mandate(MandateKind.CAREGIVER, MandateScope.VIEW_DOCUMENTS), AccessAction.READ,
                doc(CONSULT_NOTE, ConfidentialityLabel.INVISIBLE_REPRESENTANTS_LEGAUX)).permitted()).isTrue();
    }

    @Test
    void aRepresentativeWithManageSharingBlocksAProfessional() {
        assertThat(representativeDoes(CAREGIVER, mandate(MandateKind.CAREGIVER, MandateScope.MANAGE_SHARING), AccessAction.MANAGE_SHARING,
                new PatientScope(ALICE, "CareTeam"))).isEqualTo(AccessDecision.permit(ReasonCode.REPRESENTATIVE_WITHIN_MANDATE));
    }

    @Test
    void aRepresentativeWithoutManageSharingCannotChangeTheControls() {
        assertThat(representativeDoes(CAREGIVER, mandate(MandateKind.CAREGIVER, MandateScope.VIEW_DOCUMENTS), AccessAction.MANAGE_SHARING,
                new PatientScope(ALICE, "CareTeam"))).isEqualTo(AccessDecision.deny(ReasonCode.MANDATE_SCOPE_MISSING));
    }

    @Test
    void aRepresentativeNeverAppointsAnotherRepresentative() {
        assertThat(representativeDoes(CAREGIVER, mandate(MandateKind.CAREGIVER, MandateScope.values()), AccessAction.MANAGE_REPRESENTATIVES,
                new PatientScope(ALICE, "Mandate"))).isEqualTo(AccessDecision.deny(ReasonCode.REPRESENTATIVE_CANNOT_DELEGATE));
    }

    @Test
    void aParentCannotMaskWhatIsHiddenFromParents() {
        assertThat(representativeDoes(PARENT, mandate(MandateKind.LEGAL_REPRESENTATIVE, MandateScope.values()), AccessAction.MASK,
                doc(CONSULT_NOTE, ConfidentialityLabel.INVISIBLE_REPRESENTANTS_LEGAUX)))
                .isEqualTo(AccessDecision.deny(ReasonCode.INVISIBLE_TO_LEGAL_REPRESENTATIVES));
    }

    @Test
    void actingForOnePersonGivesNoAccessToAnother() {
        assertThat(POLICY.decide(new AccessRequest(CAREGIVER, BOB, mandate(MandateKind.CAREGIVER, MandateScope.VIEW_DOCUMENTS), null,
                AccessAction.READ, doc(LAB_REPORT)))).isEqualTo(AccessDecision.deny(ReasonCode.ACTING_FOR_SOMEONE_ELSE));
    }

    // ------------------------------------------------------------------ roles without access to content

    @Test
    void counterAgentsNeverSeeMedicalContent() {
        assertThat(roleDoes(Role.COUNTER_AGENT, AccessAction.READ, doc(LAB_REPORT))).isEqualTo(AccessDecision.deny(ReasonCode.ROLE_NEVER_SEES_CONTENT));
    }

    @Test
    void administratorsAuditorsResearchersReviewersAndHumanContactsNeverSeeMedicalContent() {
        for (Role role : new Role[] {Role.ADMIN, Role.AUDITOR, Role.RESEARCHER, Role.REVIEWER, Role.HUMAN_CONTACT}) {
            assertThat(roleDoes(role, AccessAction.READ, doc(LAB_REPORT))).as(role.name())
                    .isEqualTo(AccessDecision.deny(ReasonCode.ROLE_NEVER_SEES_CONTENT));
            assertThat(roleDoes(role, AccessAction.READ, new ProfileSection(ALICE, ProfileSection.ALLERGIES))).as(role.name())
                    .isEqualTo(AccessDecision.deny(ReasonCode.ROLE_NEVER_SEES_CONTENT));
        }
    }

    // ------------------------------------------------------------------ writes

    @Test
    void anyProfessionalMaySendADocumentEvenWhenBlocked() {
        assertThat(POLICY.decide(new AccessRequest(NURSE, null, null, RelationshipFacts.NONE.withBlocked(true), AccessAction.CREATE,
                new PatientScope(ALICE, DocumentFacts.OBJECT_TYPE)))).isEqualTo(AccessDecision.permit(ReasonCode.PROFESSIONAL_MAY_SEND));
    }

    @Test
    void thePatientAddsTheirOwnDocuments() {
        assertThat(patientDoes(AccessAction.CREATE, new PatientScope(ALICE, DocumentFacts.OBJECT_TYPE)))
                .isEqualTo(AccessDecision.permit(ReasonCode.PATIENT_OWN_RECORD));
    }

    @Test
    void aProfessionalNeverManagesThePatientsSharing() {
        assertThat(POLICY.decide(new AccessRequest(DOCTOR, null, null, TREATING, AccessAction.MANAGE_SHARING, new PatientScope(ALICE, "CareTeam"))))
                .isEqualTo(AccessDecision.deny(ReasonCode.RESERVED_TO_PATIENT));
        assertThat(POLICY.decide(new AccessRequest(DOCTOR, null, null, TREATING, AccessAction.MASK, doc(LAB_REPORT))))
                .isEqualTo(AccessDecision.deny(ReasonCode.RESERVED_TO_PATIENT));
    }

    @Test
    void onlyTheAuthorChangesAProfessionalsDocument() {
        assertThat(POLICY.decide(new AccessRequest(OTHER_DOCTOR, null, null, TREATING, AccessAction.UPDATE, docBy(DOCTOR, LAB_REPORT))))
                .isEqualTo(AccessDecision.deny(ReasonCode.NOT_THE_AUTHOR));
        assertThat(patientDoes(AccessAction.UPDATE, docBy(DOCTOR, LAB_REPORT))).isEqualTo(AccessDecision.deny(ReasonCode.NOT_THE_AUTHOR));
    }

    // ------------------------------------------------------------------ emergency access (CSP L1111-17)

    private static AccessDecision opens(ActorFacts who, AccessAction action, RelationshipFacts rel, String justification) {
        return POLICY.decide(new AccessRequest(who, null, null, rel, action, new PatientScope(ALICE, "EmergencySession"), justification));
    }

    @Test
    void aProfessionalOpensAnEmergencySessionWithAWrittenJustification() {
        assertThat(opens(NURSE, AccessAction.OPEN_EMERGENCY_SESSION, RelationshipFacts.NONE, "Patiente inconsciente aux urgences"))
                .isEqualTo(AccessDecision.permit(ReasonCode.EMERGENCY_ACCESS));
    }

    @Test
    void anEmergencySessionNeedsAJustificationOfFifteenCharacters() {
        assertThat(opens(NURSE, AccessAction.OPEN_EMERGENCY_SESSION, RelationshipFacts.NONE, "   urgence      "))
                .isEqualTo(AccessDecision.deny(ReasonCode.JUSTIFICATION_TOO_SHORT));
    }

    @Test
    void anEmergencySessionIsRefusedWhenThePatientTurnedItOff() {
        assertThat(opens(NURSE, AccessAction.OPEN_EMERGENCY_SESSION, RelationshipFacts.NONE.withEmergencyAccessAllowed(false),
                "Patiente inconsciente aux urgences")).isEqualTo(AccessDecision.deny(ReasonCode.EMERGENCY_ACCESS_DISABLED_BY_PATIENT));
    }

    @Test
    void aBlockedProfessionalCanStillOpenAnEmergencySessionSoTheBlockStaysInvisible() {
        assertThat(opens(NURSE, AccessAction.OPEN_EMERGENCY_SESSION, RelationshipFacts.NONE.withBlocked(true), "Patiente inconsciente aux urgences"))
                .isEqualTo(AccessDecision.permit(ReasonCode.EMERGENCY_ACCESS));
    }

    @Test
    void theCentre15RegulatorHasTheSameRightUnderTheSameOptOut() {
        RelationshipFacts regulator = RelationshipFacts.NONE.withRegulator(true);
        assertThat(opens(DOCTOR, AccessAction.OPEN_REGULATION_SESSION, regulator, "Appel au 15 : malaise, patiente confuse"))
                .isEqualTo(AccessDecision.permit(ReasonCode.EMERGENCY_ACCESS));
        assertThat(opens(DOCTOR, AccessAction.OPEN_REGULATION_SESSION, regulator.withEmergencyAccessAllowed(false), "Appel au 15 : malaise, patiente confuse"))
                .isEqualTo(AccessDecision.deny(ReasonCode.EMERGENCY_ACCESS_DISABLED_BY_PATIENT));
        assertThat(opens(DOCTOR, AccessAction.OPEN_REGULATION_SESSION, RelationshipFacts.NONE, "Appel au 15 : malaise, patiente confuse"))
                .isEqualTo(AccessDecision.deny(ReasonCode.NOT_A_REGULATOR));
    }

    @Test
    void onlyAProfessionalOpensAnEmergencySession() {
        assertThat(opens(CAREGIVER, AccessAction.OPEN_EMERGENCY_SESSION, RelationshipFacts.NONE, "Ma mère est inconsciente"))
                .isEqualTo(AccessDecision.deny(ReasonCode.NOT_A_PROFESSIONAL));
        assertThat(opens(ActorFacts.of(Role.COUNTER_AGENT, null), AccessAction.OPEN_EMERGENCY_SESSION, RelationshipFacts.NONE,
                "Personne inconsciente au guichet")).isEqualTo(AccessDecision.deny(ReasonCode.NOT_A_PROFESSIONAL));
    }
}
