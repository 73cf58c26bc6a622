package fr.hygie.prescriptions;

import fr.hygie.access.AccessControl;
import fr.hygie.access.AccessDecision;
import fr.hygie.access.Actor;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.Patient;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.identity.Professional;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Professionals;
import fr.hygie.identity.Role;
import fr.hygie.identity.Structure;
import fr.hygie.identity.StructureId;
import fr.hygie.identity.Structures;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalActor;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalDecision;
import fr.hygie.journal.JournalEntryDraft;
import fr.hygie.notifications.Notifications;
import fr.hygie.platform.Ids;
import fr.hygie.prescriptions.internal.CanonicalJson;
import fr.hygie.prescriptions.internal.PrescriptionPdf;
import fr.hygie.prescriptions.internal.PrescriptionRepository;
import fr.hygie.prescriptions.internal.PrescriptionRepository.StoredReceipt;
import fr.hygie.prescriptions.internal.QrCodes;
import fr.hygie.prescriptions.internal.ReceiptKeys;
import fr.hygie.record.AddOutcome;
import fr.hygie.record.ContentType;
import fr.hygie.record.DocumentId;
import fr.hygie.record.Documents;
import fr.hygie.record.NewDocument;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The use cases of e-prescription, by party: the prescriber writes, signs and cancels; the patient
 * reads, prints, sends to a pharmacy, reads the receipt and may object to prescribers seeing what was
 * dispensed; the pharmacist accepts with number and access code, hands back, dispenses line by line and
 * completes. Every move is journaled in the patient's chain ({@code MedicationRequest} for the
 * prescription, {@code MedicationDispense} for the dispensation), refusals included.
 */
@Service
public class Prescriptions {

    public static final String REQUEST = "MedicationRequest";
    public static final String DISPENSE = "MedicationDispense";
    /** LOINC 57833-6 "Prescription for medication": the record document type of a prescription. */
    public static final String DOCUMENT_TYPE = "57833-6";
    /** Professions that may prescribe here (TRE_G15): médecin, chirurgien-dentiste, sage-femme. */
    static final Set<String> PRESCRIBERS = Set.of("10", "40", "50");
    /** Pharmacien (TRE_G15). */
    static final String PHARMACIST = "21";
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final PrescriptionRepository repository;
    private final Formulary formulary;
    private final Documents documents;
    private final AccessControl access;
    private final Patients patients;
    private final fr.hygie.identity.Accounts accounts;
    private final Professionals professionals;
    private final Structures structures;
    private final Journal journal;
    private final Notifications notifications;
    private final ReceiptKeys keys;
    private final PrescriptionProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Prescriptions(PrescriptionRepository repository, Formulary formulary, Documents documents, AccessControl access,
            Patients patients, Professionals professionals, Structures structures, Journal journal, Notifications notifications,
            ReceiptKeys keys, PrescriptionProperties properties, Clock clock, fr.hygie.identity.Accounts accounts) {
        this.accounts = accounts;
        this.repository = repository;
        this.formulary = formulary;
        this.documents = documents;
        this.access = access;
        this.patients = patients;
        this.professionals = professionals;
        this.structures = structures;
        this.journal = journal;
        this.notifications = notifications;
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ prescriber

    /** True when this user may write prescriptions (a médecin, chirurgien-dentiste or sage-femme). */
    public boolean mayPrescribe(HygieUser user) {
        return profession(user).map(PRESCRIBERS::contains).orElse(false);
    }

    /** Starts a draft for a person. */
    @Transactional
    public Prescription draft(Actor prescriber, PatientId patient, PrescriptionKind kind, JournalChannel channel) {
        Professional pro = prescriber(prescriber);
        if (patient == null || patients.byId(patient).isEmpty()) {
            throw PrescriptionRefusal.invalid("PATIENT", "patient", PrescriptionRefusal.Wording.PATIENT);
        }
        PrescriptionNumber number = PrescriptionNumber.generate(random);
        while (repository.numberTaken(number)) {
            number = PrescriptionNumber.generate(random);
        }
        Prescription p = Prescription.draft(new PrescriptionId(Ids.newId()), number, kind == null ? PrescriptionKind.MEDICATION : kind,
                patient, new Prescription.Prescriber(pro.id(), prescriber.user().accountId().value(), pro.displayName()), now());
        repository.insert(p);
        record(prescriber, p, JournalAction.CREATE, REQUEST, JournalDecision.PERMIT, "PRESCRIBER_DRAFT", channel);
        return p;
    }

    /** Adds a line from the formulary with its dosage, to a draft of one's own. */
    @Transactional
    public Prescription addLine(Actor prescriber, PrescriptionId id, String formularyId, String dosage, int quantity,
            JournalChannel channel) {
        Prescription p = ownForUpdate(prescriber, id);
        Formulary.Entry entry = formulary.find(formularyId).filter(e -> e.kind() == p.kind()).orElseThrow(() ->
                PrescriptionRefusal.invalid("FORMULARY", "produit", PrescriptionRefusal.Wording.FORMULARY));
        String d = dosage == null ? "" : dosage.strip();
        if (p.kind() == PrescriptionKind.MEDICATION && (d.isEmpty() || d.length() > 500)) {
            throw PrescriptionRefusal.invalid("DOSAGE", "posologie", PrescriptionRefusal.Wording.DOSAGE);
        }
        if (quantity < 1 || quantity > 99) {
            throw PrescriptionRefusal.invalid("QUANTITY", "quantite", PrescriptionRefusal.Wording.QUANTITY);
        }
        Prescription after = p.addLine(entry.code(), entry.display(), d.isEmpty() ? "—" : d, quantity);
        repository.replaceLines(id, after.lines());
        record(prescriber, p, JournalAction.UPDATE, REQUEST, JournalDecision.PERMIT, "PRESCRIBER_LINE_ADDED", channel);
        return after;
    }

    @Transactional
    public Prescription removeLine(Actor prescriber, PrescriptionId id, int lineNo, JournalChannel channel) {
        Prescription p = ownForUpdate(prescriber, id);
        Prescription after = p.removeLine(lineNo);
        repository.replaceLines(id, after.lines());
        record(prescriber, p, JournalAction.UPDATE, REQUEST, JournalDecision.PERMIT, "PRESCRIBER_LINE_REMOVED", channel);
        return after;
    }

    /**
     * DRAFT → READY: the prescriber signs. The prescription gets its access code and lands in the
     * patient's space as a PDF document added by the prescriber (the record's access rules apply); the
     * patient is told, without any health data.
     */
    @Transactional
    public Signed sign(Actor prescriber, PrescriptionId id, JournalChannel channel) {
        Professional pro = prescriber(prescriber);
        Prescription p = ownForUpdate(prescriber, id);
        Instant now = now();
        Instant expires = now.atZone(PARIS).plus(properties.validity(p.kind())).toInstant();
        p.sign(now, expires, null); // refuses an illegal move before anything is written
        AccessCode code = AccessCode.generate(random);
        Patient patient = patients.byId(p.patient()).orElseThrow();
        byte[] pdf = PrescriptionPdf.write(pdfContent(p, pro, patient, code, now, expires));
        String title = "Ordonnance (" + p.kind().labelFr() + ") n° " + p.number().value();
        AddOutcome added = documents.add(prescriber, new NewDocument(p.patient(), DOCUMENT_TYPE, title, LocalDate.ofInstant(now, PARIS),
                Set.of(), ContentType.PDF, pdf), channel);
        if (added instanceof AddOutcome.Refused refused) {
            throw PrescriptionRefusal.recordRefused(refused.message());
        }
        Prescription after = p.sign(now, expires, ((AddOutcome.Added) added).document().id().value());
        if (!repository.transition(PrescriptionStatus.DRAFT, after, code.hash(), null, false)) {
            throw PrescriptionRefusal.illegal(PrescriptionRefusal.Move.SIGN, current(id));
        }
        record(prescriber, after, JournalAction.UPDATE, REQUEST, JournalDecision.PERMIT, "PRESCRIBER_SIGNED", channel);
        notifications.post(p.patient(), "PRESCRIPTION", "Un nouveau document est disponible dans votre espace santé.");
        return new Signed(after, code);
    }

    /** DRAFT/READY → CANCELLED by its prescriber, before any pharmacy accepted it. */
    @Transactional
    public Prescription cancel(Actor prescriber, PrescriptionId id, JournalChannel channel) {
        Prescription p = ownForUpdate(prescriber, id);
        Prescription after = p.cancel(now());
        if (!repository.transition(p.status(), after, null, null, false)) {
            throw PrescriptionRefusal.illegal(PrescriptionRefusal.Move.CANCEL, current(id));
        }
        record(prescriber, after, JournalAction.UPDATE, REQUEST, JournalDecision.PERMIT, "PRESCRIBER_CANCELLED", channel);
        return after;
    }

    /** The prescriber's own prescriptions, newest first. */
    @Transactional(readOnly = true)
    public List<Prescription> ofPrescriber(Actor prescriber) {
        return prescriber.user().professionalId().map(repository::ofPrescriber).orElse(List.of());
    }

    /**
     * One of the prescriber's own prescriptions; what was dispensed is shown unless the patient objected.
     * Empty for anyone else's.
     */
    @Transactional
    public Optional<PrescriptionView> forPrescriber(Actor prescriber, PrescriptionId id, JournalChannel channel) {
        Optional<Prescription> p = repository.find(id).filter(x -> isPrescriber(prescriber, x));
        p.ifPresent(x -> record(prescriber, x, JournalAction.READ, REQUEST, JournalDecision.PERMIT, "PRESCRIBER", channel));
        return p.map(x -> view(x, !repository.objects(x.patient())));
    }

    // ------------------------------------------------------------------ patient (or their representative)

    /** The person's signed prescriptions (drafts are the prescriber's business), newest first. */
    @Transactional
    public List<Prescription> ofPatient(Actor actor, PatientId patient, JournalChannel channel) {
        if (access.checkPatientAction(actor, patient, JournalAction.LIST, REQUEST, channel).denied()) {
            return List.of();
        }
        return repository.ofPatient(patient);
    }

    @Transactional
    public Optional<PrescriptionView> forPatient(Actor actor, PatientId patient, PrescriptionId id, JournalChannel channel) {
        Optional<Prescription> p = repository.find(id).filter(x -> x.patient().equals(patient) && x.status() != PrescriptionStatus.DRAFT);
        if (p.isEmpty() || access.checkPatientAction(actor, patient, JournalAction.READ, REQUEST, channel).denied()) {
            return Optional.empty();
        }
        return Optional.of(view(p.get(), true));
    }

    /**
     * The printable PDF (the patient's copy in their space), read through the record module so that its
     * rules apply: the patient, their representative, the prescriber (its author).
     */
    @Transactional
    public Optional<byte[]> pdf(Actor actor, PrescriptionId id, JournalChannel channel) {
        return repository.find(id).filter(p -> p.document() != null)
                .flatMap(p -> documents.file(actor, new DocumentId(p.document()), channel)).map(c -> c.bytes());
    }

    /** The QR payload, drawn again from the patient's copy: the only place the access code is kept. */
    @Transactional
    public Optional<QrPayload> qr(Actor actor, PrescriptionId id, JournalChannel channel) {
        return pdf(actor, id, channel).flatMap(PrescriptionPdf::qrPayload).flatMap(QrPayload::parse);
    }

    /** A PNG of the QR code. */
    public static byte[] qrPng(QrPayload payload) {
        return QrCodes.png(payload.text(), 6);
    }

    /** Pharmacies that accepted one of the person's prescriptions before. */
    @Transactional(readOnly = true)
    public List<Structure> pharmaciesUsed(PatientId patient) {
        return repository.pharmaciesUsedBy(patient).stream().map(StructureId::new).map(structures::byId)
                .flatMap(Optional::stream).toList();
    }

    /** The person sends a READY prescription to a pharmacy they used: it may accept it without the code. */
    @Transactional
    public Prescription sendTo(Actor actor, PatientId patient, PrescriptionId id, StructureId pharmacy, JournalChannel channel) {
        Prescription p = repository.findForUpdate(id).filter(x -> x.patient().equals(patient))
                .orElseThrow(() -> PrescriptionRefusal.notFound(PrescriptionRefusal.Wording.NOT_FOUND));
        if (pharmacy == null || repository.pharmaciesUsedBy(patient).stream().noneMatch(s -> s.equals(pharmacy.value()))) {
            throw PrescriptionRefusal.invalid("PHARMACY", "pharmacie", PrescriptionRefusal.Wording.PHARMACY);
        }
        if (access.checkPatientAction(actor, patient, JournalAction.SHARE, REQUEST, channel).denied()) {
            throw PrescriptionRefusal.forbidden("FORBIDDEN", PrescriptionRefusal.Wording.CANNOT_SEND);
        }
        Prescription after = p.sendTo(pharmacy, now());
        if (!repository.transition(PrescriptionStatus.READY, after, null, null, false)) {
            throw PrescriptionRefusal.illegal(PrescriptionRefusal.Move.SEND, current(id));
        }
        return after;
    }

    /** Does the person object to their prescribers seeing what was dispensed? */
    @Transactional(readOnly = true)
    public boolean objects(PatientId patient) {
        return repository.objects(patient);
    }

    @Transactional
    public void setObjection(Actor actor, PatientId patient, boolean objects, JournalChannel channel) {
        AccessDecision d = access.checkPatientAction(actor, patient, JournalAction.SETTINGS_CHANGE, DISPENSE, channel);
        if (d.denied()) {
            throw PrescriptionRefusal.forbidden("FORBIDDEN", PrescriptionRefusal.Wording.CANNOT_CHANGE_SETTING);
        }
        repository.setObjection(patient, objects, now());
    }

    // ------------------------------------------------------------------ operator: export and import

    /**
     * Every prescription of a person but drafts, with what was dispensed and the stored hashes, for an
     * export the caller has already decided and journaled (the operator's whole-platform export,
     * « réversibilité »): no per-prescription decision, as {@code Documents.forExport}.
     */
    @Transactional(readOnly = true)
    public List<ExportedPrescription> forExport(PatientId patient) {
        return repository.allOfPatient(patient).stream().map(p -> {
            Optional<Receipt> receipt = repository.receipt(p.id()).map(Prescriptions::receipt);
            return new ExportedPrescription(p, repository.dispensed(p.id()), repository.accessCodeHash(p.id()).orElse(null),
                    repository.secretHash(p.id()).orElse(null), receipt.orElse(null), receipt.flatMap(r -> signingKeyPem(r.keyId())).orElse(null));
        }).toList();
    }

    /**
     * Brings in a prescription from an export (« réversibilité »), in the state it had: no per-item
     * decision (nobody is acting; the operator's import is journaled once by its caller), the move itself
     * journaled on the person's chain as an IMPORT by the platform. Idempotent by number: a number already
     * here is left alone (false). The same rules as the workflow hold (lines, quantities, a pharmacy for a
     * prescription in progress or completed, dispensed lines that exist); a breach is refused with its
     * French reason and stores nothing. The person's copy (the PDF) travels as a document of its own, imported
     * first and linked again here ({@code document}); a completed dispensation's signed receipt is kept as it
     * was signed, once it verifies with the key that signed it (kept to verify it later).
     */
    @Transactional
    public boolean importPrescription(ImportedPrescription in) {
        if (in.number() == null || PrescriptionNumber.parse(in.number().value()).isEmpty()) {
            throw new fr.hygie.platform.web.InvalidInput("NUMBER", "number", "Numéro d'ordonnance absent ou invalide.");
        }
        if (repository.numberTaken(in.number())) {
            return false;
        }
        if (in.patient() == null || patients.byId(in.patient()).isEmpty()) {
            throw new fr.hygie.platform.web.InvalidInput("PATIENT", "patient", "La personne de l'ordonnance est introuvable.");
        }
        Professional prescriber = in.prescriber() == null ? null : professionals.byId(in.prescriber()).orElse(null);
        if (prescriber == null) {
            throw new fr.hygie.platform.web.InvalidInput("PRESCRIBER", "prescriber", "Le prescripteur est introuvable dans l'annuaire.");
        }
        PrescriptionStatus status = in.status();
        if (status == null || status == PrescriptionStatus.DRAFT) {
            throw new fr.hygie.platform.web.InvalidInput("STATUS", "status", "Seule une ordonnance signée ou annulée s'importe (pas un brouillon).");
        }
        if (in.lines().isEmpty()) {
            throw new fr.hygie.platform.web.InvalidInput("NO_LINE", "lines", "Une ordonnance s'importe avec au moins une ligne.");
        }
        java.util.Set<Integer> lineNos = new java.util.HashSet<>();
        for (PrescriptionLine l : in.lines()) {
            if (l.lineNo() < 1 || !lineNos.add(l.lineNo()) || blank(l.code()) || l.code().length() > 16 || blank(l.label())) {
                throw new fr.hygie.platform.web.InvalidInput("LINE", "lines", "Ligne " + l.lineNo() + " : produit (code de 16 caractères au plus"
                        + " et libellé) manquant, ou numéro de ligne en double.");
            }
            if (l.quantity() < 1 || l.quantity() > 99) {
                throw new fr.hygie.platform.web.InvalidInput("QUANTITY", "quantite", "Ligne " + l.lineNo() + " : la quantité doit être comprise entre 1 et 99.");
            }
        }
        boolean signed = status != PrescriptionStatus.CANCELLED || in.signedAt() != null;
        if (signed && (in.signedAt() == null || in.expiresAt() == null || !in.signedAt().isBefore(in.expiresAt()))) {
            throw new fr.hygie.platform.web.InvalidInput("DATES", "signedAt", "Une ordonnance signée s'importe avec sa date de signature et sa fin de validité.");
        }
        boolean atPharmacy = status == PrescriptionStatus.IN_PROGRESS || status == PrescriptionStatus.COMPLETED;
        if (atPharmacy && (in.pharmacy() == null || structures.byId(in.pharmacy()).isEmpty() || in.pharmacist() == null
                || professionals.byId(in.pharmacist()).isEmpty() || in.acceptedAt() == null)) {
            throw new fr.hygie.platform.web.InvalidInput("PHARMACY", "pharmacie", "Une ordonnance en cours de délivrance ou délivrée s'importe avec"
                    + " sa pharmacie et son pharmacien, connus de l'annuaire.");
        }
        if (!atPharmacy && !in.dispensed().isEmpty()) {
            throw new fr.hygie.platform.web.InvalidInput("DISPENSED", "dispensed", "Des lignes délivrées pour une ordonnance à l'état « "
                    + status.labelFr() + " » : incohérent.");
        }
        java.util.Set<Integer> dispensedNos = new java.util.HashSet<>();
        for (DispensedLine d : in.dispensed()) {
            if (!lineNos.contains(d.lineNo()) || !dispensedNos.add(d.lineNo()) || blank(d.code()) || d.code().length() > 16
                    || blank(d.label()) || d.quantity() < 1 || d.quantity() > 99 || d.dispensedAt() == null) {
                throw new fr.hygie.platform.web.InvalidInput("DISPENSED", "dispensed", "Délivrance de la ligne " + d.lineNo()
                        + " : ligne inconnue, en double, ou produit, quantité (1 à 99) ou date manquants.");
            }
        }
        if (status == PrescriptionStatus.COMPLETED && in.closedAt() == null) {
            throw new fr.hygie.platform.web.InvalidInput("DATES", "closedAt", "Une ordonnance délivrée s'importe avec sa date de délivrance.");
        }
        if (in.document() != null && !documents.patientOf(new DocumentId(in.document())).map(in.patient()::equals).orElse(false)) {
            throw new fr.hygie.platform.web.InvalidInput("DOCUMENT", "document", "La copie de l'ordonnance (document) n'est pas"
                    + " dans le dossier de la personne : importez ses documents d'abord.");
        }
        if (in.receipt() != null && status != PrescriptionStatus.COMPLETED) {
            throw new fr.hygie.platform.web.InvalidInput("RECEIPT", "receipt", "Une preuve de délivrance n'accompagne qu'une ordonnance délivrée.");
        }
        boolean sendable = status == PrescriptionStatus.READY || atPharmacy;
        if (in.sentTo() != null && (!sendable || structures.byId(in.sentTo()).isEmpty())) {
            throw new fr.hygie.platform.web.InvalidInput("SENT_TO", "sentTo", sendable
                    ? "La pharmacie à laquelle l'ordonnance a été envoyée est introuvable dans l'annuaire."
                    : "Une ordonnance à l'état « " + status.labelFr() + " » n'est plus envoyée à une pharmacie : incohérent.");
        }
        String formerKey = in.receipt() == null ? null : receiptKeyToKeep(in.receipt(), in.receiptPublicKeyPem());
        String code = hash(in.accessCodeHash()).orElse(signed ? AccessCode.generate(random).hash() : null);
        String secret = status == PrescriptionStatus.IN_PROGRESS
                ? hash(in.secretHash()).orElse(AccessCode.sha256(Crockford.random(random, 26))) : null;
        Instant created = (in.signedAt() != null ? in.signedAt() : in.closedAt() != null ? in.closedAt() : now())
                .truncatedTo(ChronoUnit.MICROS);
        UUID account = accounts.byProfessional(prescriber.id()).map(a -> a.id().value()).orElse(null);
        Prescription p = new Prescription(new PrescriptionId(Ids.newId()), in.number(), in.kind() == null ? PrescriptionKind.MEDICATION
                : in.kind(), in.patient(), new Prescription.Prescriber(prescriber.id(), account, blank(in.prescriberName())
                        ? prescriber.displayName() : in.prescriberName()), status, in.lines(), created, micros(in.signedAt()),
                micros(in.expiresAt()), in.document(), atPharmacy ? new Prescription.Dispensing(in.pharmacy(), in.pharmacist(),
                        blank(in.pharmacistName()) ? professionals.byId(in.pharmacist()).map(Professional::displayName).orElse("")
                                : in.pharmacistName(), micros(in.acceptedAt())) : null,
                status == PrescriptionStatus.IN_PROGRESS || status == PrescriptionStatus.READY ? null : micros(in.closedAt()),
                in.sentTo(), in.sentTo() == null ? null : micros(in.sentAt()));
        repository.insertImported(p, code, secret);
        repository.replaceLines(p.id(), p.lines());
        for (DispensedLine d : in.dispensed()) {
            repository.putDispensed(p.id(), new DispensedLine(d.lineNo(), d.code(), d.label(), d.quantity(), d.substituted(),
                    micros(d.dispensedAt())));
        }
        if (in.receipt() != null) {
            if (formerKey != null) {
                repository.putFormerReceiptKey(in.receipt().keyId(), formerKey, now());
            }
            // The receipt as it was signed, byte for byte: its signature covers the former platform's ids and dates.
            repository.insertReceipt(p.id(), new StoredReceipt(in.receipt().payload(), in.receipt().signature(), in.receipt().keyId(),
                    micros(in.receipt().signedAt() != null ? in.receipt().signedAt() : in.closedAt())));
        }
        journal.append(new JournalEntryDraft(JournalActor.system(IMPORTER), null, p.patient().value(), JournalAction.IMPORT, REQUEST,
                p.id().toString(), JournalDecision.PERMIT, "PLATFORM_IMPORT", JournalChannel.SYSTEM, null));
        return true;
    }

    /**
     * Checks an imported receipt before anything is stored: signed by this platform's key, or by the key that
     * came with it (a former platform's, whose id must be the one the receipt names). Returns the former key to
     * keep (null for this platform's own); a receipt that does not verify is refused: it would be a forgery.
     */
    private String receiptKeyToKeep(Receipt r, String publicKeyPem) {
        if (r.payload() == null || r.signature() == null || r.keyId() == null) {
            throw new fr.hygie.platform.web.InvalidInput("RECEIPT", "receipt", "Preuve de délivrance incomplète (contenu, signature, clé).");
        }
        if (r.keyId().equals(keys.keyId())) {
            if (!verifyReceipt(r.payload(), r.signature())) {
                throw new fr.hygie.platform.web.InvalidInput("RECEIPT", "receipt", "La preuve de délivrance ne se vérifie pas avec la clé qui l'a signée.");
            }
            return null;
        }
        String pem = publicKeyPem != null ? publicKeyPem : repository.formerReceiptKey(r.keyId()).orElse(null);
        java.security.PublicKey key;
        try {
            key = pem == null ? null : ReceiptKeys.parsePublicKeyPem(pem);
        } catch (RuntimeException e) {
            key = null;
        }
        boolean verified;
        try {
            verified = key != null && r.keyId().equals(ReceiptKeys.keyIdOf(key)) && ReceiptKeys.verify(key,
                    r.payload().getBytes(StandardCharsets.UTF_8), Base64.getDecoder().decode(r.signature().strip()));
        } catch (IllegalArgumentException e) {
            verified = false;
        }
        if (!verified) {
            throw new fr.hygie.platform.web.InvalidInput("RECEIPT", "receipt", "La preuve de délivrance ne se vérifie pas avec la clé"
                    + " qui l'a signée (clé publique absente, d'un autre identifiant, ou signature fausse).");
        }
        return pem;
    }

    /** The public key (PEM) that verifies receipts signed with this key id: this platform's, or a former platform's. */
    private Optional<String> signingKeyPem(String keyId) {
        return keys.keyId().equals(keyId) ? Optional.of(keys.publicKeyPem()) : repository.formerReceiptKey(keyId);
    }

    static final String IMPORTER = "Import de données (réversibilité)";

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Instant micros(Instant i) {
        return i == null ? null : i.truncatedTo(ChronoUnit.MICROS);
    }

    /** A stored hash as it came (64 hexadecimal characters), else empty. */
    private static Optional<String> hash(String h) {
        return h != null && h.matches("[0-9a-f]{64}") ? Optional.of(h) : Optional.empty();
    }

    // ------------------------------------------------------------------ pharmacist

    /** True when this user may dispense (a pharmacien attached to a pharmacy). */
    public boolean mayDispense(HygieUser user) {
        return PHARMACIST.equals(profession(user).orElse(null)) && user.structureId().isPresent();
    }

    /**
     * READY → IN_PROGRESS with the number and the access code. A wrong number or code gets the same
     * answer (no oracle); a right one on a prescription that is not READY names its state. Of several
     * pharmacies accepting at once, exactly one wins (conditional update).
     */
    @Transactional(noRollbackFor = PrescriptionRefusal.class)
    public Accepted accept(Actor pharmacist, String number, String accessCode, JournalChannel channel) {
        Pharmacy pharmacy = pharmacy(pharmacist);
        Optional<PrescriptionNumber> n = PrescriptionNumber.parse(number);
        Optional<AccessCode> c = AccessCode.parse(accessCode);
        Optional<Prescription> found = n.flatMap(repository::byNumber);
        PrescriptionRefusal unknown = PrescriptionRefusal.notFound(PrescriptionRefusal.Wording.WRONG_NUMBER_OR_CODE);
        if (found.isEmpty() || c.isEmpty()
                || !AccessCode.sameHash(c.get().hash(), repository.accessCodeHash(found.get().id()).orElse(null))) {
            found.ifPresent(p -> record(pharmacist, p, JournalAction.READ, REQUEST, JournalDecision.DENY, "WRONG_ACCESS_CODE", channel));
            throw unknown;
        }
        return take(pharmacist, pharmacy, found.get(), "ACCESS_CODE", channel);
    }

    /** Accepts a prescription the patient sent to this pharmacy (no code needed: the patient chose it). */
    @Transactional(noRollbackFor = PrescriptionRefusal.class)
    public Accepted acceptSent(Actor pharmacist, PrescriptionId id, JournalChannel channel) {
        Pharmacy pharmacy = pharmacy(pharmacist);
        Prescription p = repository.find(id).filter(x -> pharmacy.structure().equals(x.sentTo()))
                .orElseThrow(() -> PrescriptionRefusal.notFound(PrescriptionRefusal.Wording.NOT_SENT_TO_YOU));
        return take(pharmacist, pharmacy, p, "SENT_BY_PATIENT", channel);
    }

    /** READY prescriptions patients sent to this pharmacist's pharmacy. */
    @Transactional(readOnly = true)
    public List<PrescriptionView> sentToMyPharmacy(Actor pharmacist) {
        Pharmacy pharmacy = pharmacy(pharmacist);
        return repository.sentTo(pharmacy.structure()).stream().map(p -> view(p, false)).toList();
    }

    /** The prescription this pharmacy holds, shown only against its secret: never the patient's record. */
    @Transactional
    public PrescriptionView forPharmacy(Actor pharmacist, PrescriptionId id, String secret, JournalChannel channel) {
        Prescription p = held(pharmacist, id, secret, false);
        record(pharmacist, p, JournalAction.READ, REQUEST, JournalDecision.PERMIT, "PHARMACY_SECRET", channel);
        return view(p, true);
    }

    /** IN_PROGRESS → READY: the pharmacy gives the prescription back; its secret and its dispensed lines are void. */
    @Transactional
    public Prescription handBack(Actor pharmacist, PrescriptionId id, String secret, JournalChannel channel) {
        Prescription p = held(pharmacist, id, secret, true);
        Prescription after = p.handBack();
        if (!repository.transition(PrescriptionStatus.IN_PROGRESS, after, null, null, true)) {
            throw PrescriptionRefusal.illegal(PrescriptionRefusal.Move.RETURN, current(id));
        }
        repository.clearDispensed(id);
        record(pharmacist, after, JournalAction.UPDATE, REQUEST, JournalDecision.PERMIT, "PHARMACY_HANDED_BACK", channel);
        return after;
    }

    /**
     * Records what was handed over for one line: the prescribed product, or a substitute from the
     * formulary ({@code formularyId}), in a quantity up to the prescribed one (partial dispensation).
     */
    @Transactional
    public DispensedLine dispense(Actor pharmacist, PrescriptionId id, String secret, int lineNo, String formularyId, int quantity,
            JournalChannel channel) {
        Prescription p = held(pharmacist, id, secret, true);
        p.requireDispensable();
        PrescriptionLine line = p.line(lineNo).orElseThrow(() -> PrescriptionRefusal.invalid("LINE", "ligne", PrescriptionRefusal.Wording.UNKNOWN_LINE));
        if (quantity < 1 || quantity > line.quantity()) {
            throw PrescriptionRefusal.invalid("QUANTITY", "quantite",
                    PrescriptionRefusal.Wording.DISPENSED_QUANTITY, String.valueOf(line.quantity()));
        }
        String code = line.code();
        String label = line.label();
        if (formularyId != null && !formularyId.isBlank()) {
            Formulary.Entry e = formulary.find(formularyId).filter(x -> x.kind() == p.kind()).orElseThrow(() ->
                    PrescriptionRefusal.invalid("FORMULARY", "produit", PrescriptionRefusal.Wording.PRODUCT));
            code = e.code();
            label = e.display();
        }
        boolean substituted = !code.equals(line.code()) || !label.equals(line.label());
        DispensedLine d = new DispensedLine(lineNo, code, label, quantity, substituted, now());
        repository.putDispensed(id, d);
        record(pharmacist, p, JournalAction.CREATE, DISPENSE, id + "-" + lineNo, JournalDecision.PERMIT,
                substituted ? "PHARMACY_SUBSTITUTED" : "PHARMACY_DISPENSED", channel);
        return d;
    }

    /** IN_PROGRESS → COMPLETED with the signed receipt. Nothing changes afterwards. */
    @Transactional
    public Receipt complete(Actor pharmacist, PrescriptionId id, String secret, JournalChannel channel) {
        Prescription p = held(pharmacist, id, secret, true);
        Prescription after = p.complete(now());
        List<DispensedLine> dispensed = repository.dispensed(id);
        if (dispensed.isEmpty()) {
            throw PrescriptionRefusal.invalid("NOTHING_DISPENSED", null, PrescriptionRefusal.Wording.NOTHING_DISPENSED);
        }
        if (!repository.transition(PrescriptionStatus.IN_PROGRESS, after, null, null, true)) {
            throw PrescriptionRefusal.illegal(PrescriptionRefusal.Move.COMPLETE, current(id));
        }
        String payload = CanonicalJson.write(receiptContent(after, dispensed));
        String signature = Base64.getEncoder().encodeToString(keys.sign(payload.getBytes(StandardCharsets.UTF_8)));
        StoredReceipt stored = new StoredReceipt(payload, signature, keys.keyId(), after.closedAt());
        repository.insertReceipt(id, stored);
        record(pharmacist, after, JournalAction.UPDATE, REQUEST, JournalDecision.PERMIT, "PHARMACY_COMPLETED", channel);
        record(pharmacist, after, JournalAction.CREATE, DISPENSE, id.toString(), JournalDecision.PERMIT, "RECEIPT_SIGNED", channel);
        notifications.post(p.patient(), "PRESCRIPTION", "Une délivrance a été enregistrée dans votre espace santé.");
        return receipt(stored);
    }

    // ------------------------------------------------------------------ receipts

    /**
     * Checks a receipt against the platform's key, or against the key of the former platform that signed it
     * (named by the receipt's {@code keyId}, kept when its receipts were imported): true only for the exact
     * bytes that were signed.
     */
    public boolean verifyReceipt(String payload, String signatureBase64) {
        if (payload == null || signatureBase64 == null) {
            return false;
        }
        try {
            byte[] message = payload.getBytes(StandardCharsets.UTF_8);
            byte[] signature = Base64.getDecoder().decode(signatureBase64.strip());
            if (keys.verify(message, signature)) {
                return true;
            }
            java.util.regex.Matcher m = KEY_ID.matcher(payload);
            return m.find() && repository.formerReceiptKey(m.group(1)).map(ReceiptKeys::parsePublicKeyPem)
                    .map(k -> ReceiptKeys.verify(k, message, signature)).orElse(false);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The signing key's id in a receipt's canonical JSON ({@link #receiptContent}). */
    private static final java.util.regex.Pattern KEY_ID = java.util.regex.Pattern.compile("\"keyId\":\"([0-9a-f]{1,16})\"");

    /** The public key receipts are verified with (X.509 PEM), published at a public URL. */
    public String receiptPublicKeyPem() {
        return keys.publicKeyPem();
    }

    public String receiptKeyId() {
        return keys.keyId();
    }

    // ------------------------------------------------------------------ expiry

    /** READY → EXPIRED for every prescription whose validity has passed; returns how many. */
    @Transactional
    public int expireDue() {
        Instant now = now();
        int n = 0;
        for (PrescriptionId id : repository.dueForExpiry(now, 500)) {
            Optional<Prescription> p = repository.findForUpdate(id).filter(x -> x.expiredAt(now));
            if (p.isPresent() && repository.transition(PrescriptionStatus.READY, p.get().expire(now), null, null, false)) {
                journal.append(new JournalEntryDraft(JournalActor.system("Expiration des ordonnances"), null, p.get().patient().value(),
                        JournalAction.UPDATE, REQUEST, id.toString(), JournalDecision.PERMIT, "EXPIRED", JournalChannel.SYSTEM, null));
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ any party (FHIR)

    /**
     * The prescriptions this actor is a party to: the person's own (or the represented person's), the
     * prescriber's, or those the pharmacist accepted. Journaled as one search per patient reached.
     */
    @Transactional
    public List<PrescriptionView> visibleTo(Actor actor, JournalChannel channel) {
        HygieUser u = actor.user();
        if (u.role() == Role.PATIENT || u.role() == Role.REPRESENTATIVE) {
            PatientId subject = actor.actingFor();
            return subject == null ? List.of() : ofPatient(actor, subject, channel).stream().map(p -> view(p, true)).toList();
        }
        if (u.role() != Role.PROFESSIONAL || u.professionalId().isEmpty()) {
            return List.of();
        }
        List<PrescriptionView> out = new ArrayList<>();
        Map<PrescriptionId, Boolean> seen = new LinkedHashMap<>();
        for (Prescription p : repository.ofPrescriber(u.professionalId().get())) {
            if (p.status() != PrescriptionStatus.DRAFT && seen.put(p.id(), true) == null) {
                out.add(view(p, !repository.objects(p.patient())));
            }
        }
        for (Prescription p : repository.dispensedBy(u.professionalId().get())) {
            if (seen.put(p.id(), true) == null) {
                out.add(view(p, true));
            }
        }
        out.forEach(v -> record(actor, v.prescription(), JournalAction.SEARCH, REQUEST, JournalDecision.PERMIT, basis(actor, v.prescription()),
                channel));
        return out;
    }

    /** One prescription for a party to it (see {@link #visibleTo}); empty for anyone else. */
    @Transactional
    public Optional<PrescriptionView> find(Actor actor, PrescriptionId id, JournalChannel channel) {
        Optional<Prescription> found = repository.find(id).filter(p -> p.status() != PrescriptionStatus.DRAFT);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Prescription p = found.get();
        HygieUser u = actor.user();
        if (u.role() == Role.PATIENT || u.role() == Role.REPRESENTATIVE) {
            // As the person, or for them: the policy decides (a mandate, a parent's authority) and journals on the
            // prescription's person, as the web's « Ordonnances » of the person one acts for does.
            PatientId person = p.patient();
            Actor as = person.equals(u.patientId().orElse(null)) ? Actor.of(u) : Actor.actingFor(u, person);
            return forPatient(as, person, id, channel);
        }
        if (isPrescriber(actor, p)) {
            return forPrescriber(actor, id, channel);
        }
        if (isDispensingPharmacist(actor, p)) {
            record(actor, p, JournalAction.READ, REQUEST, JournalDecision.PERMIT, "DISPENSING_PHARMACIST", channel);
            return Optional.of(view(p, true));
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ helpers

    private record Pharmacy(ProfessionalId pharmacist, StructureId structure, String name) {
    }

    private Accepted take(Actor pharmacist, Pharmacy pharmacy, Prescription p, String basis, JournalChannel channel) {
        Instant now = now();
        if (p.expiredAt(now)) {
            // Expired by time but not yet by the job: make it so now, and say so.
            Prescription expired = p.expire(now);
            if (repository.transition(PrescriptionStatus.READY, expired, null, null, false)) {
                journal.append(new JournalEntryDraft(JournalActor.system("Expiration des ordonnances"), null, p.patient().value(),
                        JournalAction.UPDATE, REQUEST, p.id().toString(), JournalDecision.PERMIT, "EXPIRED", JournalChannel.SYSTEM, null));
            }
            record(pharmacist, p, JournalAction.UPDATE, REQUEST, JournalDecision.DENY, "EXPIRED", channel);
            throw PrescriptionRefusal.illegal(PrescriptionRefusal.Move.TAKE, PrescriptionStatus.EXPIRED);
        }
        Prescription after;
        try {
            after = p.accept(new Prescription.Dispensing(pharmacy.structure(), pharmacy.pharmacist(), pharmacy.name(), now));
        } catch (PrescriptionRefusal r) {
            record(pharmacist, p, JournalAction.UPDATE, REQUEST, JournalDecision.DENY, "STATE_" + p.status().name(), channel);
            throw r;
        }
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        // The single-use rule: only the one update that still finds READY wins; the others see 0 rows.
        if (!repository.transition(PrescriptionStatus.READY, after, null, AccessCode.sha256(secret), false)) {
            PrescriptionStatus now2 = current(p.id());
            record(pharmacist, p, JournalAction.UPDATE, REQUEST, JournalDecision.DENY, "STATE_" + now2.name(), channel);
            throw PrescriptionRefusal.illegal(PrescriptionRefusal.Move.TAKE, now2);
        }
        record(pharmacist, after, JournalAction.UPDATE, REQUEST, JournalDecision.PERMIT, basis, channel);
        return new Accepted(view(after, true), secret);
    }

    /** The prescription this pharmacist's pharmacy holds with this secret, else a refusal. */
    private Prescription held(Actor pharmacist, PrescriptionId id, String secret, boolean lock) {
        Pharmacy pharmacy = pharmacy(pharmacist);
        Optional<Prescription> p = lock ? repository.findForUpdate(id) : repository.find(id);
        if (p.isEmpty()) {
            throw PrescriptionRefusal.notFound(PrescriptionRefusal.Wording.NOT_FOUND);
        }
        boolean ours = p.get().dispensing() != null && pharmacy.structure().equals(p.get().dispensing().pharmacy());
        if (!ours && secret == null) {
            // Neither held by this pharmacy nor taken in charge in this session (the secret is only ever given to the session
            // that took it in charge): the same answer as an unknown id, so that an id seen elsewhere tells another pharmacy
            // nothing, not even the prescription's state (IDOR, docs/security.md).
            throw PrescriptionRefusal.notFound(PrescriptionRefusal.Wording.NOT_FOUND);
        }
        boolean holder = p.get().status() == PrescriptionStatus.IN_PROGRESS && ours;
        boolean secretOk = secret != null && AccessCode.sameHash(AccessCode.sha256(secret), repository.secretHash(id).orElse(null));
        if (p.get().status() != PrescriptionStatus.IN_PROGRESS) {
            // Only the pharmacy that holds or held it gets here: say why it cannot act any more (handed back, completed,
            // expired).
            throw PrescriptionRefusal.illegal(PrescriptionRefusal.Move.ACT, p.get().status());
        }
        if (!holder || !secretOk) {
            throw PrescriptionRefusal.forbidden("SECRET", PrescriptionRefusal.Wording.NOT_YOUR_PHARMACY);
        }
        return p.get();
    }

    private Professional prescriber(Actor actor) {
        HygieUser u = actor.user();
        Optional<Professional> pro = u.role() == Role.PROFESSIONAL ? u.professionalId().flatMap(professionals::byId) : Optional.empty();
        if (pro.isEmpty() || !PRESCRIBERS.contains(pro.get().professionCode())) {
            throw PrescriptionRefusal.forbidden("NOT_A_PRESCRIBER", PrescriptionRefusal.Wording.NOT_A_PRESCRIBER);
        }
        return pro.get();
    }

    private Pharmacy pharmacy(Actor actor) {
        HygieUser u = actor.user();
        if (!mayDispense(u)) {
            throw PrescriptionRefusal.forbidden("NOT_A_PHARMACIST", PrescriptionRefusal.Wording.NOT_A_PHARMACIST);
        }
        StructureId s = u.structureId().get();
        String name = structures.byId(s).map(Structure::name).orElse("Pharmacie");
        return new Pharmacy(u.professionalId().get(), s, u.displayName() + " — " + name);
    }

    private Prescription ownForUpdate(Actor prescriber, PrescriptionId id) {
        prescriber(prescriber);
        return repository.findForUpdate(id).filter(p -> isPrescriber(prescriber, p))
                .orElseThrow(() -> PrescriptionRefusal.notFound(PrescriptionRefusal.Wording.NOT_FOUND));
    }

    private static boolean isPrescriber(Actor actor, Prescription p) {
        return actor.user().role() == Role.PROFESSIONAL && actor.user().professionalId().map(p.prescriber().id()::equals).orElse(false);
    }

    private static boolean isDispensingPharmacist(Actor actor, Prescription p) {
        return p.dispensing() != null && actor.user().role() == Role.PROFESSIONAL
                && actor.user().professionalId().map(p.dispensing().pharmacist()::equals).orElse(false);
    }

    private static String basis(Actor actor, Prescription p) {
        return isPrescriber(actor, p) ? "PRESCRIBER" : "DISPENSING_PHARMACIST";
    }

    private Optional<String> profession(HygieUser user) {
        return user.role() == Role.PROFESSIONAL
                ? user.professionalId().flatMap(professionals::byId).map(Professional::professionCode) : Optional.empty();
    }

    private PrescriptionStatus current(PrescriptionId id) {
        return repository.find(id).map(Prescription::status).orElseThrow();
    }

    private PrescriptionView view(Prescription p, boolean showDispensation) {
        Optional<Patient> patient = patients.byId(p.patient());
        String pharmacyName = p.dispensing() == null ? null
                : structures.byId(p.dispensing().pharmacy()).map(Structure::name).orElse(null);
        List<DispensedLine> dispensed = showDispensation ? repository.dispensed(p.id()) : List.of();
        Optional<Receipt> receipt = showDispensation ? repository.receipt(p.id()).map(Prescriptions::receipt) : Optional.empty();
        boolean hidden = !showDispensation && (p.status() == PrescriptionStatus.COMPLETED || p.status() == PrescriptionStatus.IN_PROGRESS);
        return new PrescriptionView(p, patient.map(Patient::displayName).orElse(""), patient.map(Patient::birthDate).orElse(null),
                showDispensation ? pharmacyName : null, dispensed, receipt, hidden);
    }

    private static Receipt receipt(StoredReceipt r) {
        return new Receipt(r.payload(), r.signature(), r.keyId(), r.signedAt());
    }

    private Map<String, Object> receiptContent(Prescription p, List<DispensedLine> dispensed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "hygie-dispensation-receipt");
        m.put("version", 1);
        m.put("keyId", keys.keyId());
        m.put("prescription", Map.of("id", p.id().toString(), "number", p.number().value(), "kind", p.kind().name(),
                "signedAt", p.signedAt().toString(), "patient", p.patient().value().toString(),
                "prescriber", Map.of("rpps", professionals.byId(p.prescriber().id()).map(Professional::rpps).orElse(""),
                        "name", p.prescriber().name())));
        Structure pharmacy = structures.byId(p.dispensing().pharmacy()).orElse(null);
        m.put("pharmacy", Map.of("finess", pharmacy == null ? "" : pharmacy.finess(), "name", pharmacy == null ? "" : pharmacy.name()));
        m.put("pharmacist", Map.of("rpps", professionals.byId(p.dispensing().pharmacist()).map(Professional::rpps).orElse(""),
                "name", p.dispensing().pharmacistName()));
        m.put("acceptedAt", p.dispensing().acceptedAt().toString());
        m.put("completedAt", p.closedAt().toString());
        List<Object> lines = new ArrayList<>();
        for (PrescriptionLine l : p.lines()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("line", l.lineNo());
            line.put("prescribed", Map.of("code", l.code(), "label", l.label(), "quantity", l.quantity()));
            Optional<DispensedLine> d = dispensed.stream().filter(x -> x.lineNo() == l.lineNo()).findFirst();
            line.put("dispensed", d.<Object>map(x -> Map.of("code", x.code(), "label", x.label(), "quantity", x.quantity(),
                    "substituted", x.substituted(), "at", x.dispensedAt().toString())).orElse(null));
            lines.add(line);
        }
        m.put("lines", lines);
        return m;
    }

    private PrescriptionPdf.Content pdfContent(Prescription p, Professional pro, Patient patient, AccessCode code, Instant signed,
            Instant expires) {
        String structure = pro.structure().flatMap(structures::byId)
                .map(s -> s.name() + ", " + s.addressLine() + ", " + s.postcode()).orElse(null);
        List<String[]> lines = p.lines().stream().map(l -> new String[] {l.lineNo() + ". " + l.label() + " — quantité : " + l.quantity(),
                p.kind() == PrescriptionKind.MEDICATION ? "Posologie : " + l.dosage() : "Code LOINC " + l.code()}).toList();
        return new PrescriptionPdf.Content("Ordonnance — " + p.kind().labelFr(), p.number().value(), code.value(),
                new QrPayload(p.number(), code).text(), patient.displayName(), DAY.format(patient.birthDate()), pro.displayName(), pro.rpps(),
                structure, DAY.format(signed.atZone(PARIS)), DAY.format(expires.atZone(PARIS)), lines);
    }

    private void record(Actor actor, Prescription p, JournalAction action, String objectType, JournalDecision decision, String reason,
            JournalChannel channel) {
        record(actor, p, action, objectType, p.id().toString(), decision, reason, channel);
    }

    private void record(Actor actor, Prescription p, JournalAction action, String objectType, String objectId, JournalDecision decision,
            String reason, JournalChannel channel) {
        HygieUser u = actor.user();
        JournalActor who = new JournalActor(u.accountId().value(), u.displayName(), u.role().name());
        JournalActor represented = actor.representing() ? new JournalActor(null,
                patients.byId(actor.actingFor()).map(Patient::displayName).orElse("personne représentée"), Role.PATIENT.name()) : null;
        journal.append(new JournalEntryDraft(who, represented, p.patient().value(), action, objectType, objectId, decision, reason,
                channel, null));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
