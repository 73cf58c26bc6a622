package fr.hygie.prescriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import fr.hygie.access.Actor;
import fr.hygie.identity.PatientId;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalDecision;
import fr.hygie.journal.JournalEntry;
import fr.hygie.notifications.Notifications;
import fr.hygie.record.DocumentFilter;
import fr.hygie.record.DocumentSummary;
import fr.hygie.record.Documents;
import fr.hygie.support.AsyncListeners;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The e-prescription from the prescriber's desk to the pharmacy counter, against the real database:
 * every transition, the refusals with their state, single use under concurrency, the signed receipt,
 * the PDF and its QR code read back, expiry, and who sees what. Each test uses a fresh person.
 */
@HygieIntegrationTest
class PrescriptionJourneyTest {

    static final JournalChannel WEB = JournalChannel.WEB;

    @Autowired
    Prescriptions prescriptions;
    @Autowired
    Cast cast;
    @Autowired
    Documents documents;
    @Autowired
    Journal journal;
    @Autowired
    Notifications notifications;

    @Autowired
    AsyncListeners listeners;
    @Autowired
    JdbcClient jdbc;

    Actor medecin() {
        return cast.actor("medecin");
    }

    Actor pharmacien() {
        return cast.actor("pharmacien");
    }

    /** A fresh person and a signed medication prescription with two lines. */
    record Fixture(String login, PatientId patient, Signed signed) {
        PrescriptionId id() {
            return signed.prescription().id();
        }

        String number() {
            return signed.prescription().number().value();
        }

        String code() {
            return signed.accessCode().value();
        }
    }

    Fixture signed() {
        String login = cast.newPatient();
        PatientId patient = cast.patient(login);
        Prescription draft = prescriptions.draft(medecin(), patient, PrescriptionKind.MEDICATION, WEB);
        prescriptions.addLine(medecin(), draft.id(), "M014", "1 gélule 3 fois par jour pendant 7 jours", 2, WEB);
        prescriptions.addLine(medecin(), draft.id(), "M002", "1 comprimé si douleur", 2, WEB);
        return new Fixture(login, patient, prescriptions.sign(medecin(), draft.id(), WEB));
    }

    static PrescriptionStatus refusedWith(Runnable move) {
        try {
            move.run();
        } catch (PrescriptionRefusal r) {
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.getMessage()).contains(r.currentState().name());
            return r.currentState();
        }
        throw new AssertionError("the move was not refused");
    }

    @Test
    void aSignedPrescriptionIsReadyWithANumberAndLandsInThePatientsSpaceWithANotificationWithoutHealthData() {
        Fixture f = signed();
        Prescription p = f.signed().prescription();
        assertThat(p.status()).isEqualTo(PrescriptionStatus.READY);
        assertThat(PrescriptionNumber.parse(p.number().value())).contains(p.number());
        assertThat(p.expiresAt()).isAfter(p.signedAt().plusSeconds(85L * 86400)).isBefore(p.signedAt().plusSeconds(93L * 86400));
        List<DocumentSummary> docs = documents.list(cast.actor(f.login()), f.patient(), DocumentFilter.all(), WEB);
        assertThat(docs).extracting(DocumentSummary::typeCode).containsExactly(Prescriptions.DOCUMENT_TYPE);
        assertThat(docs.get(0).id().value()).isEqualTo(p.document());
        assertThat(prescriptions.ofPatient(cast.actor(f.login()), f.patient(), WEB)).extracting(Prescription::id).containsExactly(p.id());
        listeners.awaitHandled(f.patient().value());
        assertThat(notifications.of(f.patient(), 10)).isNotEmpty().allSatisfy(n ->
                assertThat(n.text()).doesNotContain("Amoxicilline").doesNotContain(p.number().value()));
        // The access code is stored only as a hash.
        String stored = jdbc.sql("SELECT access_code_hash FROM prescriptions.prescription WHERE id = :id").param("id", p.id().value())
                .query(String.class).single();
        assertThat(stored).hasSize(64).isNotEqualTo(f.code()).isNotEqualTo(f.code().replace("-", ""));
    }

    @Test
    void thePharmacyAcceptsHandsBackDispensesLineByLineAndCompletesWithAVerifiableReceipt() {
        Fixture f = signed();
        Accepted first = prescriptions.accept(pharmacien(), f.number(), f.code(), WEB);
        assertThat(first.view().prescription().status()).isEqualTo(PrescriptionStatus.IN_PROGRESS);
        assertThat(refusedWith(() -> prescriptions.accept(pharmacien(), f.number(), f.code(), WEB))).isEqualTo(PrescriptionStatus.IN_PROGRESS);
        assertThat(refusedWith(() -> prescriptions.cancel(medecin(), f.id(), WEB))).isEqualTo(PrescriptionStatus.IN_PROGRESS);

        // Handed back: READY again, and the old secret is void.
        assertThat(prescriptions.handBack(pharmacien(), f.id(), first.secret(), WEB).status()).isEqualTo(PrescriptionStatus.READY);
        assertThat(refusedWith(() -> prescriptions.handBack(pharmacien(), f.id(), first.secret(), WEB))).isEqualTo(PrescriptionStatus.READY);
        assertThat(refusedWith(() -> prescriptions.dispense(pharmacien(), f.id(), first.secret(), 1, null, 1, WEB)))
                .isEqualTo(PrescriptionStatus.READY);

        Accepted second = prescriptions.accept(pharmacien(), f.number().toLowerCase(), f.code().replace("-", ""), WEB);
        assertThatThrownBy(() -> prescriptions.complete(pharmacien(), f.id(), "wrong", WEB))
                .isInstanceOfSatisfying(PrescriptionRefusal.class, r -> assertThat(r.code()).isEqualTo("SECRET"));
        DispensedLine same = prescriptions.dispense(pharmacien(), f.id(), second.secret(), 1, null, 2, WEB);
        DispensedLine substitute = prescriptions.dispense(pharmacien(), f.id(), second.secret(), 2, "M001", 1, WEB);
        assertThat(same.substituted()).isFalse();
        assertThat(substitute.substituted()).isTrue();
        assertThat(substitute.label()).startsWith("Paracétamol 500 mg");
        assertThatThrownBy(() -> prescriptions.dispense(pharmacien(), f.id(), second.secret(), 2, null, 3, WEB))
                .isInstanceOfSatisfying(PrescriptionRefusal.class, r -> assertThat(r.code()).isEqualTo("QUANTITY"));

        Receipt receipt = prescriptions.complete(pharmacien(), f.id(), second.secret(), WEB);
        assertThat(prescriptions.verifyReceipt(receipt.payload(), receipt.signature())).isTrue();
        assertThat(receipt.payload()).contains("\"substituted\":true").contains(f.number()).contains("\"quantity\":1");
        // Tampering with one character breaks the signature.
        assertThat(prescriptions.verifyReceipt(receipt.payload().replace("\"quantity\":1", "\"quantity\":2"), receipt.signature())).isFalse();
        assertThat(prescriptions.verifyReceipt(receipt.payload(), "AAAA" + receipt.signature().substring(4))).isFalse();

        // Nothing changes after completion.
        assertThat(refusedWith(() -> prescriptions.dispense(pharmacien(), f.id(), second.secret(), 1, null, 1, WEB)))
                .isEqualTo(PrescriptionStatus.COMPLETED);
        assertThat(refusedWith(() -> prescriptions.handBack(pharmacien(), f.id(), second.secret(), WEB))).isEqualTo(PrescriptionStatus.COMPLETED);
        assertThat(refusedWith(() -> prescriptions.cancel(medecin(), f.id(), WEB))).isEqualTo(PrescriptionStatus.COMPLETED);
        assertThat(refusedWith(() -> prescriptions.accept(pharmacien(), f.number(), f.code(), WEB))).isEqualTo(PrescriptionStatus.COMPLETED);

        // The patient sees the receipt; everything is in the patient's journal chain.
        PrescriptionView mine = prescriptions.forPatient(cast.actor(f.login()), f.patient(), f.id(), WEB).orElseThrow();
        assertThat(mine.receipt()).contains(receipt);
        assertThat(mine.dispensed()).hasSize(2);
        List<JournalEntry> entries = journal.forPatient(f.patient().value(), 0, 200);
        assertThat(entries).extracting(JournalEntry::reasonCode).contains("PRESCRIBER_SIGNED", "ACCESS_CODE", "PHARMACY_HANDED_BACK",
                "PHARMACY_DISPENSED", "PHARMACY_SUBSTITUTED", "PHARMACY_COMPLETED", "RECEIPT_SIGNED");
        assertThat(entries).filteredOn(e -> "MedicationDispense".equals(e.objectType())).hasSizeGreaterThanOrEqualTo(3);
        assertThat(entries).filteredOn(e -> e.decision() == JournalDecision.DENY).isNotEmpty();
    }

    @Test
    void aWrongAccessCodeAndAnUnknownNumberGetTheSameAnswer() {
        Fixture f = signed();
        String wrongCode = "0000-0000-0000-0000";
        PrescriptionRefusal wrong = catchRefusal(() -> prescriptions.accept(pharmacien(), f.number(), wrongCode, WEB));
        PrescriptionRefusal unknown = catchRefusal(() -> prescriptions.accept(pharmacien(), "0000-0000-0000", f.code(), WEB));
        assertThat(wrong.status()).isEqualTo(404).isEqualTo(unknown.status());
        assertThat(wrong.getMessage()).isEqualTo(unknown.getMessage());
        assertThat(prescriptions.forPatient(cast.actor(f.login()), f.patient(), f.id(), WEB).orElseThrow().prescription().status())
                .isEqualTo(PrescriptionStatus.READY);
    }

    @Test
    void ofTwentyPharmaciesAcceptingAtOnceExactlyOneWins() throws Exception {
        Fixture f = signed();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Callable<String> attempt = () -> {
                    start.await();
                    try {
                        return prescriptions.accept(pharmacien(), f.number(), f.code(), WEB).secret();
                    } catch (PrescriptionRefusal r) {
                        return "refused:" + r.status() + ":" + r.currentState();
                    }
                };
                results.add(pool.submit(attempt));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> r : results) {
                outcomes.add(r.get());
            }
            assertThat(outcomes).filteredOn(o -> !o.startsWith("refused:")).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o.startsWith("refused:")).hasSize(19).allMatch(o -> o.equals("refused:409:IN_PROGRESS"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void thePrescriberCancelsBeforeDispensingAndDraftsCanBeCancelledToo() {
        Fixture f = signed();
        assertThat(prescriptions.cancel(medecin(), f.id(), WEB).status()).isEqualTo(PrescriptionStatus.CANCELLED);
        assertThat(refusedWith(() -> prescriptions.accept(pharmacien(), f.number(), f.code(), WEB))).isEqualTo(PrescriptionStatus.CANCELLED);
        Prescription draft = prescriptions.draft(medecin(), f.patient(), PrescriptionKind.LAB, WEB);
        assertThat(prescriptions.cancel(medecin(), draft.id(), WEB).status()).isEqualTo(PrescriptionStatus.CANCELLED);
        // Another médecin cannot touch it.
        assertThatThrownBy(() -> prescriptions.cancel(cast.actor("medecin2"), f.id(), WEB)).isInstanceOfSatisfying(PrescriptionRefusal.class,
                r -> assertThat(r.status()).isEqualTo(404));
        // A pharmacist cannot prescribe.
        assertThatThrownBy(() -> prescriptions.draft(pharmacien(), f.patient(), PrescriptionKind.MEDICATION, WEB))
                .isInstanceOfSatisfying(PrescriptionRefusal.class, r -> assertThat(r.status()).isEqualTo(403));
    }

    @Test
    void aReadyPrescriptionExpiresByTimeAndIsThenRefused() {
        Fixture f = signed();
        Fixture g = signed();
        pastValidity(f.id());
        pastValidity(g.id());
        assertThat(prescriptions.expireDue()).isGreaterThanOrEqualTo(1);
        assertThat(status(f)).isEqualTo(PrescriptionStatus.EXPIRED);
        assertThat(refusedWith(() -> prescriptions.accept(pharmacien(), f.number(), f.code(), WEB))).isEqualTo(PrescriptionStatus.EXPIRED);
        assertThat(refusedWith(() -> prescriptions.cancel(medecin(), f.id(), WEB))).isEqualTo(PrescriptionStatus.EXPIRED);
        assertThat(journal.forPatient(f.patient().value(), 0, 100)).anySatisfy(e -> assertThat(e.reasonCode()).isEqualTo("EXPIRED"));
    }

    @Test
    void aPharmacyAcceptingAPrescriptionPastItsValidityBeforeTheJobRanIsRefusedAndItExpires() {
        Fixture f = signed();
        pastValidity(f.id());
        assertThat(refusedWith(() -> prescriptions.accept(pharmacien(), f.number(), f.code(), WEB))).isEqualTo(PrescriptionStatus.EXPIRED);
        assertThat(status(f)).isEqualTo(PrescriptionStatus.EXPIRED);
    }

    @Test
    void laboratoryPrescriptionsAreValidForAYearByDefault() {
        String login = cast.newPatient();
        Prescription lab = prescriptions.draft(medecin(), cast.patient(login), PrescriptionKind.LAB, WEB);
        prescriptions.addLine(medecin(), lab.id(), "L003", "", 1, WEB);
        Prescription signed = prescriptions.sign(medecin(), lab.id(), WEB).prescription();
        assertThat(signed.expiresAt()).isAfter(signed.signedAt().plusSeconds(364L * 86400));
        assertThatThrownBy(() -> prescriptions.addLine(medecin(), lab.id(), "M001", "x", 1, WEB)).isInstanceOf(PrescriptionRefusal.class);
    }

    @Test
    void thePharmacistSeesThatPrescriptionOnlyAndNeverTheRecord() {
        Fixture f = signed();
        Fixture other = signed();
        Accepted a = prescriptions.accept(pharmacien(), f.number(), f.code(), WEB);
        // Its secret opens that prescription, not another one.
        assertThat(prescriptions.forPharmacy(pharmacien(), f.id(), a.secret(), WEB).prescription().id()).isEqualTo(f.id());
        assertThat(refusedWith(() -> prescriptions.forPharmacy(pharmacien(), other.id(), a.secret(), WEB))).isEqualTo(PrescriptionStatus.READY);
        assertThatThrownBy(() -> prescriptions.forPharmacy(pharmacien(), f.id(), null, WEB)).isInstanceOf(PrescriptionRefusal.class);
        // Among the parties' lists, the pharmacist has only what it accepted; the record stays closed.
        assertThat(prescriptions.visibleTo(pharmacien(), WEB)).extracting(v -> v.prescription().id()).contains(f.id())
                .doesNotContain(other.id());
        assertThat(prescriptions.pdf(pharmacien(), f.id(), WEB)).isEmpty();
        assertThat(documents.list(pharmacien(), f.patient(), DocumentFilter.all(), WEB)).isEmpty();
        // A médecin is not a pharmacy.
        assertThatThrownBy(() -> prescriptions.accept(medecin(), other.number(), other.code(), WEB))
                .isInstanceOfSatisfying(PrescriptionRefusal.class, r -> assertThat(r.status()).isEqualTo(403));
    }

    @Test
    void thePrescriberSeesWhatWasDispensedUnlessThePatientObjects() {
        Fixture f = signed();
        Accepted a = prescriptions.accept(pharmacien(), f.number(), f.code(), WEB);
        prescriptions.dispense(pharmacien(), f.id(), a.secret(), 1, null, 2, WEB);
        prescriptions.complete(pharmacien(), f.id(), a.secret(), WEB);
        PrescriptionView seen = prescriptions.forPrescriber(medecin(), f.id(), WEB).orElseThrow();
        assertThat(seen.dispensed()).hasSize(1);
        assertThat(seen.receipt()).isPresent();
        assertThat(seen.dispensationHidden()).isFalse();

        prescriptions.setObjection(cast.actor(f.login()), f.patient(), true, WEB);
        PrescriptionView hidden = prescriptions.forPrescriber(medecin(), f.id(), WEB).orElseThrow();
        assertThat(hidden.dispensed()).isEmpty();
        assertThat(hidden.receipt()).isEmpty();
        assertThat(hidden.pharmacyName()).isNull();
        assertThat(hidden.dispensationHidden()).isTrue();
        // The patient still sees everything; another médecin sees nothing.
        assertThat(prescriptions.forPatient(cast.actor(f.login()), f.patient(), f.id(), WEB).orElseThrow().dispensed()).hasSize(1);
        assertThat(prescriptions.forPrescriber(cast.actor("medecin2"), f.id(), WEB)).isEmpty();

        prescriptions.setObjection(cast.actor(f.login()), f.patient(), false, WEB);
        assertThat(prescriptions.forPrescriber(medecin(), f.id(), WEB).orElseThrow().dispensed()).hasSize(1);
    }

    @Test
    void thePatientSendsAPrescriptionToAPharmacyTheyUsedWhichTakesItWithoutTheCode() {
        Fixture used = signed();
        Accepted a = prescriptions.accept(pharmacien(), used.number(), used.code(), WEB);
        prescriptions.dispense(pharmacien(), used.id(), a.secret(), 1, null, 1, WEB);
        prescriptions.complete(pharmacien(), used.id(), a.secret(), WEB);
        Prescription draft = prescriptions.draft(medecin(), used.patient(), PrescriptionKind.MEDICATION, WEB);
        prescriptions.addLine(medecin(), draft.id(), "M073", "1 le soir", 1, WEB);
        Prescription next = prescriptions.sign(medecin(), draft.id(), WEB).prescription();

        var pharmacies = prescriptions.pharmaciesUsed(used.patient());
        assertThat(pharmacies).hasSize(1);
        prescriptions.sendTo(cast.actor(used.login()), used.patient(), next.id(), pharmacies.get(0).id(), WEB);
        assertThat(prescriptions.sentToMyPharmacy(pharmacien())).extracting(v -> v.prescription().id()).contains(next.id());
        Accepted taken = prescriptions.acceptSent(pharmacien(), next.id(), WEB);
        assertThat(taken.view().prescription().status()).isEqualTo(PrescriptionStatus.IN_PROGRESS);
        assertThat(prescriptions.sentToMyPharmacy(pharmacien())).extracting(v -> v.prescription().id()).doesNotContain(next.id());
    }

    @Test
    void thePdfShowsThePrescriptionAndItsQrCodeDecodesToTheNumberAndAccessCode() throws Exception {
        Fixture f = signed();
        byte[] pdf = prescriptions.pdf(cast.actor(f.login()), f.id(), WEB).orElseThrow();
        String expected = new QrPayload(f.signed().prescription().number(), f.signed().accessCode()).text();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains(f.number()).contains(f.code()).contains("Amoxicilline 500 mg").contains("Paracétamol 1 g")
                    .contains("1 gélule 3 fois par jour pendant 7 jours");
            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 200);
            assertThat(decode(page)).isEqualTo(expected);
        }
        // The QR image of the patient's page decodes to the same payload.
        QrPayload payload = prescriptions.qr(cast.actor(f.login()), f.id(), WEB).orElseThrow();
        assertThat(payload.text()).isEqualTo(expected);
        assertThat(decode(ImageIO.read(new ByteArrayInputStream(Prescriptions.qrPng(payload))))).isEqualTo(expected);
        // The prescriber (its author) may print it too; another médecin may not.
        assertThat(prescriptions.pdf(medecin(), f.id(), WEB)).isPresent();
        assertThat(prescriptions.qr(cast.actor("medecin2"), f.id(), WEB)).isEmpty();
    }

    /**
     * The QR code's text, as a pharmacy's scanner reads it: QR codes only, trying harder (the access code is drawn at
     * random, and the default quick search missed the finder patterns of some codes on the rendered page: the full
     * build of session 6 failed once on this, with a payload other runs decode).
     */
    static String decode(BufferedImage image) throws Exception {
        java.util.Map<com.google.zxing.DecodeHintType, Object> hints = new java.util.EnumMap<>(com.google.zxing.DecodeHintType.class);
        hints.put(com.google.zxing.DecodeHintType.POSSIBLE_FORMATS, java.util.List.of(com.google.zxing.BarcodeFormat.QR_CODE));
        hints.put(com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE);
        return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))), hints)
                .getText();
    }

    PrescriptionStatus status(Fixture f) {
        return PrescriptionStatus.valueOf(jdbc.sql("SELECT status FROM prescriptions.prescription WHERE id = :id")
                .param("id", f.id().value()).query(String.class).single());
    }

    /** Time passing for this one prescription only: its validity ends in the past. */
    void pastValidity(PrescriptionId id) {
        jdbc.sql("UPDATE prescriptions.prescription SET expires_at = :t WHERE id = :id")
                .param("t", Timestamp.from(Instant.now().minusSeconds(60))).param("id", id.value()).update();
    }

    static PrescriptionRefusal catchRefusal(Runnable r) {
        try {
            r.run();
        } catch (PrescriptionRefusal e) {
            return e;
        }
        throw new AssertionError("not refused");
    }
}
