package fr.hygie.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.MandateScope;
import fr.hygie.identity.Role;
import fr.hygie.messaging.MessagingPolicy.Recipient;
import fr.hygie.messaging.MessagingPolicy.RecipientKind;
import fr.hygie.messaging.MessagingPolicy.Writer;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The messaging rules one by one (DOMAIN "Secure messaging"), on the pure policy. */
class MessagingPolicyTest {

    final MessagingPolicy policy = new MessagingPolicy();

    static Recipient professional(boolean wrote) {
        return new Recipient(RecipientKind.PROFESSIONAL, wrote, false, false, false);
    }

    static Recipient pharmacy(boolean used, boolean prescription) {
        return new Recipient(RecipientKind.STRUCTURE, false, true, used, prescription);
    }

    @Test
    void aProfessionalMayAlwaysStartAConversationWithAPerson() {
        MessagingDecision d = policy.mayStart(Writer.professional(true), Recipient.patient());
        assertThat(d.allowed()).isTrue();
        assertThat(d.reason()).isEqualTo(MessagingReason.PROFESSIONAL_MAY_WRITE);
    }

    @Test
    void aProfessionalWithoutAKnownProfessionIsRefused() {
        assertThat(policy.mayStart(Writer.professional(false), Recipient.patient()).reason())
                .isEqualTo(MessagingReason.UNKNOWN_PROFESSIONAL);
    }

    @Test
    void aProfessionalDoesNotWriteToAnotherProfessionalHere() {
        MessagingDecision d = policy.mayStart(Writer.professional(true), professional(true));
        assertThat(d.refused()).isTrue();
        assertThat(d.reason()).isEqualTo(MessagingReason.CARE_SIDE_WRITES_TO_PERSONS_ONLY);
    }

    @Test
    void aPersonNeverWritesToAnotherPerson() {
        MessagingDecision d = policy.mayStart(Writer.person(), Recipient.patient());
        assertThat(d.reason()).isEqualTo(MessagingReason.NO_PATIENT_TO_PATIENT);
        assertThat(d.message()).contains("autre patient");
    }

    @Test
    void aPersonMayStartAConversationWithAProfessionalWhoAlreadyWroteToThem() {
        assertThat(policy.mayStart(Writer.person(), professional(true)).reason()).isEqualTo(MessagingReason.PROFESSIONAL_ALREADY_WROTE);
    }

    @Test
    void aPersonCannotStartAConversationWithAProfessionalWhoNeverWrote() {
        MessagingDecision d = policy.mayStart(Writer.person(), professional(false));
        assertThat(d.reason()).isEqualTo(MessagingReason.PROFESSIONAL_NEVER_WROTE);
        assertThat(d.message()).startsWith("Vous pouvez écrire à un professionnel seulement s'il vous a déjà écrit");
    }

    @Test
    void aPersonMaySendAPrescriptionToAPharmacyTheyAlreadyUsed() {
        assertThat(policy.mayStart(Writer.person(), pharmacy(true, true)).reason())
                .isEqualTo(MessagingReason.PRESCRIPTION_TO_KNOWN_PHARMACY);
    }

    @Test
    void aPharmacyThePersonNeverUsedIsRefusedEvenWithAPrescription() {
        MessagingDecision d = policy.mayStart(Writer.person(), pharmacy(false, true));
        assertThat(d.reason()).isEqualTo(MessagingReason.PHARMACY_NOT_USED_BEFORE);
        assertThat(d.message()).contains("déjà allé");
    }

    @Test
    void aPersonWritesToAPharmacyOnlyToSendAPrescription() {
        assertThat(policy.mayStart(Writer.person(), pharmacy(true, false)).reason())
                .isEqualTo(MessagingReason.PHARMACY_NEEDS_A_PRESCRIPTION);
    }

    @Test
    void aPharmacyThatAlreadyWroteToThePersonIsAnsweredLikeAnyProfessional() {
        assertThat(policy.mayStart(Writer.person(), new Recipient(RecipientKind.STRUCTURE, true, true, false, false)).allowed()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"COUNTER_AGENT", "ADMIN", "RESEARCHER", "REVIEWER", "AUDITOR", "HUMAN_CONTACT"})
    void rolesWithoutAccessToHealthContentNeverReadNorWriteMessages(Role role) {
        assertThat(policy.mayRead(Writer.other(role), true).reason()).isEqualTo(MessagingReason.ROLE_NEVER_READS_MESSAGES);
        assertThat(policy.mayReply(Writer.other(role), true).refused()).isTrue();
        assertThat(policy.mayStart(Writer.other(role), Recipient.patient()).refused()).isTrue();
    }

    @Test
    void aProfessionalReadsOnlyTheConversationsTheyArePartyTo() {
        assertThat(policy.mayRead(Writer.professional(true), true).reason()).isEqualTo(MessagingReason.PARTICIPANT);
        assertThat(policy.mayRead(Writer.professional(true), false).reason()).isEqualTo(MessagingReason.NOT_A_PARTICIPANT);
    }

    @Test
    void aPersonReadsAndRepliesInTheirOwnConversations() {
        assertThat(policy.mayRead(Writer.person(), true).reason()).isEqualTo(MessagingReason.PATIENT_OWN_MESSAGES);
        assertThat(policy.mayReply(Writer.person(), true).allowed()).isTrue();
        assertThat(policy.mayRead(Writer.person(), false).refused()).isTrue();
    }

    @Test
    void aRepresentativeReadsOnlyWithTheReadMessagesScope() {
        Writer reader = Writer.representative(Role.REPRESENTATIVE, Set.of(MandateScope.READ_MESSAGES));
        Writer documentsOnly = Writer.representative(Role.REPRESENTATIVE, Set.of(MandateScope.VIEW_DOCUMENTS));
        assertThat(policy.mayRead(reader, true).reason()).isEqualTo(MessagingReason.REPRESENTATIVE_WITHIN_MANDATE);
        MessagingDecision refused = policy.mayRead(documentsOnly, true);
        assertThat(refused.reason()).isEqualTo(MessagingReason.MANDATE_SCOPE_MISSING);
        assertThat(refused.message()).contains("Lire les messages");
    }

    @Test
    void aRepresentativeWritesOnlyWithTheWriteMessagesScope() {
        Writer reader = Writer.representative(Role.REPRESENTATIVE, Set.of(MandateScope.READ_MESSAGES));
        Writer writer = Writer.representative(Role.REPRESENTATIVE, EnumSet.of(MandateScope.READ_MESSAGES, MandateScope.WRITE_MESSAGES));
        assertThat(policy.mayReply(reader, true).reason()).isEqualTo(MessagingReason.MANDATE_SCOPE_MISSING);
        assertThat(policy.mayReply(writer, true).reason()).isEqualTo(MessagingReason.REPRESENTATIVE_WITHIN_MANDATE);
        assertThat(policy.mayStart(reader, professional(true)).reason()).isEqualTo(MessagingReason.MANDATE_SCOPE_MISSING);
        assertThat(policy.mayStart(writer, professional(true)).allowed()).isTrue();
    }

    @Test
    void aRepresentativeFollowsThePersonsOwnRules() {
        Writer writer = Writer.representative(Role.PATIENT, EnumSet.of(MandateScope.WRITE_MESSAGES));
        assertThat(policy.mayStart(writer, professional(false)).reason()).isEqualTo(MessagingReason.PROFESSIONAL_NEVER_WROTE);
        assertThat(policy.mayStart(writer, Recipient.patient()).reason()).isEqualTo(MessagingReason.NO_PATIENT_TO_PATIENT);
    }

    @Test
    void withoutAnActiveMandateNothingIsReadNorWritten() {
        Writer none = Writer.representative(Role.REPRESENTATIVE, null);
        assertThat(policy.mayRead(none, true).reason()).isEqualTo(MessagingReason.NO_MANDATE);
        assertThat(policy.mayStart(none, professional(true)).reason()).isEqualTo(MessagingReason.NO_MANDATE);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void everyRefusalSaysWhyInPlainFrench(Role role) {
        Writer w = role == Role.PROFESSIONAL ? Writer.professional(true) : role == Role.PATIENT ? Writer.person() : Writer.other(role);
        for (Recipient r : new Recipient[] {Recipient.patient(), professional(false), pharmacy(false, false), pharmacy(false, true)}) {
            MessagingDecision d = policy.mayStart(w, r);
            assertThat(d.allowed() || d.message() != null && !d.message().isBlank()).isTrue();
        }
    }
}
