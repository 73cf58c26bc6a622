package fr.hygie.prescriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.StructureId;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Every move from every state: the legal ones give the expected state, every other one is refused with
 * a 409 whose message names the current state (E-Rezept's life cycle).
 */
class PrescriptionStateMachineTest {

    static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    static final Instant EXPIRES = T0.plus(Duration.ofDays(90));
    static final Prescription.Dispensing PHARMACY = new Prescription.Dispensing(new StructureId(UUID.randomUUID()),
            new ProfessionalId(UUID.randomUUID()), "Pharmacie", T0.plusSeconds(60));

    static Prescription in(PrescriptionStatus status) {
        Prescription draft = Prescription.draft(new PrescriptionId(UUID.randomUUID()), PrescriptionNumber.generate(new SecureRandom()),
                PrescriptionKind.MEDICATION, new PatientId(UUID.randomUUID()),
                new Prescription.Prescriber(new ProfessionalId(UUID.randomUUID()), UUID.randomUUID(), "Dr Test"), T0)
                .addLine("N02BE01", "Paracétamol 1 g, comprimé", "1 cp", 2);
        Prescription ready = draft.sign(T0, EXPIRES, UUID.randomUUID());
        switch (status) {
            case DRAFT:
                return draft;
            case READY:
                return ready;
            case IN_PROGRESS:
                return ready.accept(PHARMACY);
            case COMPLETED:
                return ready.accept(PHARMACY).complete(T0.plusSeconds(120));
            case CANCELLED:
                return ready.cancel(T0.plusSeconds(5));
            default:
                return ready.expire(EXPIRES);
        }
    }

    /** Each move with the states it is legal from and the state it leads to. */
    record Move(String name, UnaryOperator<Prescription> apply, Set<PrescriptionStatus> legalFrom, PrescriptionStatus leadsTo) {
    }

    static final Map<String, Move> MOVES = new LinkedHashMap<>();

    static {
        put(new Move("sign", p -> p.sign(T0, EXPIRES, UUID.randomUUID()), EnumSet.of(PrescriptionStatus.DRAFT), PrescriptionStatus.READY));
        put(new Move("accept", p -> p.accept(PHARMACY), EnumSet.of(PrescriptionStatus.READY), PrescriptionStatus.IN_PROGRESS));
        put(new Move("handBack", Prescription::handBack, EnumSet.of(PrescriptionStatus.IN_PROGRESS), PrescriptionStatus.READY));
        put(new Move("complete", p -> p.complete(T0.plusSeconds(200)), EnumSet.of(PrescriptionStatus.IN_PROGRESS), PrescriptionStatus.COMPLETED));
        put(new Move("cancel", p -> p.cancel(T0.plusSeconds(5)), EnumSet.of(PrescriptionStatus.DRAFT, PrescriptionStatus.READY),
                PrescriptionStatus.CANCELLED));
        put(new Move("expire", p -> p.expire(EXPIRES.plusSeconds(1)), EnumSet.of(PrescriptionStatus.READY), PrescriptionStatus.EXPIRED));
        put(new Move("addLine", p -> p.addLine("N02BE01", "x", "y", 1), EnumSet.of(PrescriptionStatus.DRAFT), PrescriptionStatus.DRAFT));
        put(new Move("sendTo", p -> p.sendTo(new StructureId(UUID.randomUUID()), T0.plusSeconds(3)), EnumSet.of(PrescriptionStatus.READY), PrescriptionStatus.READY));
    }

    static void put(Move m) {
        MOVES.put(m.name(), m);
    }

    @Test
    void everyLegalMoveLeadsToItsStateAndEveryIllegalOneIsRefusedNamingTheCurrentState() {
        int legal = 0;
        int illegal = 0;
        for (PrescriptionStatus from : PrescriptionStatus.values()) {
            for (Move move : MOVES.values()) {
                Prescription p = in(from);
                if (move.legalFrom().contains(from)) {
                    assertThat(move.apply().apply(p).status()).as(move.name() + " from " + from).isEqualTo(move.leadsTo());
                    legal++;
                } else {
                    assertThatThrownBy(() -> move.apply().apply(p)).as(move.name() + " from " + from)
                            .isInstanceOfSatisfying(PrescriptionRefusal.class, r -> {
                                assertThat(r.status()).isEqualTo(409);
                                assertThat(r.currentState()).isEqualTo(from);
                                assertThat(r.getMessage()).contains(from.name()).contains(from.labelFr());
                            });
                    illegal++;
                }
            }
        }
        assertThat(legal).isEqualTo(9);
        assertThat(illegal).isEqualTo(39);
    }

    @Test
    void signingAnEmptyDraftIsRefused() {
        Prescription empty = in(PrescriptionStatus.DRAFT).removeLine(1);
        assertThatThrownBy(() -> empty.sign(T0, EXPIRES, UUID.randomUUID())).isInstanceOfSatisfying(PrescriptionRefusal.class,
                r -> assertThat(r.code()).isEqualTo("NO_LINE"));
    }

    @Test
    void aReadyPrescriptionPastItsValidityCannotBeAccepted() {
        Prescription ready = in(PrescriptionStatus.READY);
        Prescription.Dispensing late = new Prescription.Dispensing(PHARMACY.pharmacy(), PHARMACY.pharmacist(), "P", EXPIRES);
        assertThatThrownBy(() -> ready.accept(late)).isInstanceOfSatisfying(PrescriptionRefusal.class,
                r -> assertThat(r.currentState()).isEqualTo(PrescriptionStatus.EXPIRED));
        assertThat(ready.expiredAt(EXPIRES)).isTrue();
        assertThat(ready.expiredAt(EXPIRES.minusSeconds(1))).isFalse();
    }

    @Test
    void handingBackForgetsThePharmacy() {
        assertThat(in(PrescriptionStatus.IN_PROGRESS).handBack().dispensing()).isNull();
    }

    @Test
    void numbersCarryACheckCharacterThatCatchesATypo() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 200; i++) {
            PrescriptionNumber n = PrescriptionNumber.generate(random);
            assertThat(n.value()).matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");
            assertThat(PrescriptionNumber.parse(n.value().toLowerCase().replace("-", " "))).contains(n);
            char first = n.value().charAt(0);
            char other = Crockford.ALPHABET.charAt((Crockford.ALPHABET.indexOf(first) + 1) % 32);
            assertThat(PrescriptionNumber.parse(other + n.value().substring(1))).isEmpty();
        }
    }

    @Test
    void theQrPayloadCarriesTheNumberAndTheAccessCodeOnly() {
        SecureRandom random = new SecureRandom();
        QrPayload payload = new QrPayload(PrescriptionNumber.generate(random), AccessCode.generate(random));
        assertThat(payload.text()).matches("HYGIE-ORD:1:[0-9A-Z-]{14}:[0-9A-Z-]{19}");
        assertThat(QrPayload.parse(payload.text())).contains(payload);
        assertThat(QrPayload.parse("HYGIE-ORD:1:nonsense")).isEmpty();
    }
}
