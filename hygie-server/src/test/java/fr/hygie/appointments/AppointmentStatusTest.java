package fr.hygie.appointments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AppointmentStatusTest {

    @Test
    void statusesAreTheFhirR4Codes() {
        assertThat(AppointmentStatus.values()).extracting(AppointmentStatus::fhir).containsExactlyInAnyOrder("proposed",
                "pending", "booked", "arrived", "fulfilled", "cancelled", "noshow", "entered-in-error", "checked-in", "waitlist");
    }

    @Test
    void aBookedAppointmentCanBeHonouredMissedOrCancelled() {
        assertThat(AppointmentStatus.BOOKED.canBecome(AppointmentStatus.ARRIVED)).isTrue();
        assertThat(AppointmentStatus.BOOKED.canBecome(AppointmentStatus.NOSHOW)).isTrue();
        assertThat(AppointmentStatus.BOOKED.canBecome(AppointmentStatus.CANCELLED)).isTrue();
        assertThat(AppointmentStatus.ARRIVED.canBecome(AppointmentStatus.FULFILLED)).isTrue();
    }

    @Test
    void finalStatusesNeverMoveAgain() {
        for (AppointmentStatus target : AppointmentStatus.values()) {
            assertThat(AppointmentStatus.CANCELLED.canBecome(target)).isFalse();
            assertThat(AppointmentStatus.FULFILLED.canBecome(target)).isFalse();
        }
        assertThat(AppointmentStatus.NOSHOW.canBecome(AppointmentStatus.FULFILLED)).isFalse();
    }

    @Test
    void theRefusalNamesTheCurrentStatus() {
        var refusal = TransitionOutcome.Illegal.of(AppointmentStatus.CANCELLED, AppointmentStatus.NOSHOW);
        assertThat(refusal.message()).contains("annulé").contains("cancelled");
    }
}
