package fr.hygie.fhir;

import ca.uhn.fhir.context.FhirContext;
import fr.hygie.access.SharingTransfer;
import fr.hygie.identity.Finess;
import fr.hygie.identity.ForeignIdentifier;
import fr.hygie.identity.InsMatricule;
import fr.hygie.identity.InsStatus;
import fr.hygie.identity.InseeCommuneCode;
import fr.hygie.identity.NewProfessional;
import fr.hygie.identity.NewProvisionalPatient;
import fr.hygie.identity.NewStructure;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Professions;
import fr.hygie.identity.Rpps;
import fr.hygie.identity.Sex;
import fr.hygie.identity.Specialties;
import fr.hygie.identity.Structure;
import fr.hygie.identity.StructureId;
import fr.hygie.identity.StructureKind;
import fr.hygie.identity.Structures;
import java.time.LocalDate;
import fr.hygie.identity.NewPatient;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.identity.Professional;
import fr.hygie.identity.Professionals;
import fr.hygie.identity.RegistrationRequests;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalActor;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalDecision;
import fr.hygie.journal.JournalEntryDraft;
import fr.hygie.record.Documents;
import fr.hygie.record.MedicalProfile;
import fr.hygie.record.NewProfileItem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports FHIR R4 data from Hygie or another system (NDJSON files of a Bulk export, or Bundles of type
 * transaction, batch, collection or searchset — each read as a set of resources to add, resource by resource, see
 * docs/adr/0002), idempotently: persons by their INS matricule, documents and profile lines by
 * the identifier they came with (or their source id), so that importing twice creates nothing twice.
 * Identifiers from other systems are kept (they become the stored external id, exported again as
 * they came). References to persons are resolved through the data's own ids and fullUrls, or the INS
 * identifier on the reference. Unknown elements are ignored (lenient parser). Every resource that
 * cannot be imported is listed with its reason; nothing else stops the import.
 *
 * <p>Order: the directory first (Organization by FINESS, legal entities before their sites; Practitioner
 * by RPPS with its PractitionerRole for profession, specialty and structure), then persons, then the
 * agendas (Schedule, then Slot: {@link AgendaTransfer}) before the appointments that attach to their
 * slots, then everything that refers to them. Persons without an INS (another system's patients) are registered
 * with a provisional identity (RNIV « identité provisoire », or « validée » when the data say so) and
 * found again by the identifiers they came with. Consents (authorisations, blocks, médecin traitant,
 * emergency-access opt-out, objection to sharing with the care team) are the person's own past choices:
 * they are replayed through the access module's import API, with their dates, journaled as imports.
 * Last, the access journals (AuditEvent with Hygie's transfer extension, {@link JournalTransfer}): each chain
 * verified completely and kept read-only as the person's former platform's journal, or refused whole.
 */
@Component
class FhirImporter {

    /** What an import did: counts per type and every rejected resource with its reason. */
    record Summary(Map<String, Long> created, Map<String, Long> alreadyThere, List<String> rejected, long millis,
            Map<String, Step> steps, long peakHeld) {
        long total() {
            return created.values().stream().mapToLong(Long::longValue).sum()
                    + alreadyThere.values().stream().mapToLong(Long::longValue).sum() + rejected.size();
        }
    }

    /** Who recorded a line or wrote a document, when the imported data do not say. */
    static final String UNNAMED_SOURCE = "Import (auteur non précisé)";

    private final FhirContext fhir;
    private final Patients patients;
    private final Professionals professionals;
    private final Documents documents;
    private final MedicalProfile profile;
    private final Journal journal;
    private final Structures structures;
    private final SharingTransfer sharing;
    private final PrescriptionTransfer prescriptions;
    private final AppointmentTransfer appointments;
    private final MessageTransfer messages;
    private final ObjectionTransfer objections;
    private final MandateTransfer mandates;
    private final AgendaTransfer agendas;
    private final ResearchTransfer research;
    private final JournalTransfer journals;
    private final PlatformTransactionManager transactions;

    FhirImporter(FhirContext fhir, Patients patients, Professionals professionals, Documents documents, MedicalProfile profile,
            Journal journal, Structures structures, SharingTransfer sharing, PrescriptionTransfer prescriptions,
            AppointmentTransfer appointments, MessageTransfer messages, ObjectionTransfer objections, MandateTransfer mandates,
            AgendaTransfer agendas, ResearchTransfer research, JournalTransfer journals, PlatformTransactionManager transactions) {
        this.journals = journals;
        this.transactions = transactions;
        this.research = research;
        this.agendas = agendas;
        this.mandates = mandates;
        this.objections = objections;
        this.appointments = appointments;
        this.messages = messages;
        this.prescriptions = prescriptions;
        this.structures = structures;
        this.sharing = sharing;
        this.fhir = fhir;
        this.patients = patients;
        this.professionals = professionals;
        this.documents = documents;
        this.profile = profile;
        this.journal = journal;
    }

    /**
     * Every resource of {@code path} at once (what {@link #open} streams, held whole: tests compare both ways and build on
     * the list); fullUrls of a Bundle are kept for references.
     */
    List<Entry> read(Path path, List<String> rejected) throws IOException {
        ImportSource source = open(path, rejected);
        List<Entry> entries = new ArrayList<>();
        source.forEach(type -> true, rejected, entries::add);
        return entries;
    }

    record Entry(Resource resource, String fullUrl) {
    }

    Summary importAll(List<Entry> entries, List<String> rejectedAtRead, LongConsumer progress) {
        return importAll(new ImportSource.Listed(entries), rejectedAtRead, progress);
    }

    /**
     * What {@code ./hygie import PATH} reads, streamed: NDJSON files one line at a time ({@link ImportSource.Ndjson}),
     * JSON files (Bundles of type transaction, batch, collection or searchset, or one resource) one entry at a time
     * ({@link BundleFile}); the first pass over every file runs here, then each step reads again what it needs.
     */
    ImportSource open(Path path, List<String> rejected) throws IOException {
        return open(path, rejected, n -> { });
    }

    /** {@link #open(Path, List)}, telling {@code bytesRead} how many bytes the first pass read (the command's progress). */
    ImportSource open(Path path, List<String> rejected, LongConsumer bytesRead) throws IOException {
        return ImportSource.open(fhir, path, rejected, bytesRead);
    }

    /** Profile lines per batch insert, persons per registration batch. */
    static final int BATCH = 500;
    /** Resources (each behind a savepoint: a subtransaction) per durable commit in the per-resource step. */
    static final int RESOURCES_PER_COMMIT = 60;

    private static final Set<String> DIRECTORY = Set.of("Organization", "Practitioner", "PractitionerRole");
    private static final Set<String> MEDICATION = Set.of("MedicationRequest", "MedicationDispense");
    /** Types imported by a step of their own; every other type goes through the per-resource step (2). */
    private static final Set<String> OWN_STEP = Set.of("Organization", "Practitioner", "PractitionerRole", "Patient", "Schedule",
            "Slot", "MedicationRequest", "MedicationDispense", "ServiceRequest", "Communication", "AuditEvent");
    /** Types of the per-resource step imported outside the batch transaction (few, with rules of their own modules). */
    private static final Set<String> ON_THEIR_OWN = Set.of("Appointment", "RelatedPerson", "ResearchStudy");

    Summary importAll(ImportSource source, List<String> rejectedAtRead, LongConsumer progress) {
        long start = System.nanoTime();
        Map<String, Long> created = new TreeMap<>();
        Map<String, Long> known = new TreeMap<>();
        List<String> rejected = new ArrayList<>(rejectedAtRead);
        Map<String, PatientId> persons = new HashMap<>();
        Map<String, ProfessionalId> practitioners = new HashMap<>();
        Map<String, long[]> steps = new TreeMap<>();
        Held held = new Held();
        if (source instanceof ImportSource.Listed whole) {
            held.add(whole.size()); // read whole by the caller: every resource is in memory for the whole import
        }
        long[] done = {0};

        // 0. The directory: structures, then professionals with their roles (held whole for the step: bounded by the
        //    directory, not by the population).
        long t = System.nanoTime();
        List<Entry> directory = new ArrayList<>();
        source.forEach(DIRECTORY::contains, rejected, directory::add);
        held.add(directory.size());
        done[0] += importOrganizations(directory, created, known, rejected);
        done[0] += importPractitioners(directory, practitioners, created, known, rejected);
        Map<String, String> finessByKey = new HashMap<>();
        for (Entry e : directory) {
            if (e.resource() instanceof Organization o) {
                finess(o).ifPresent(f -> remember(e, f, finessByKey));
            }
        }
        held.release(directory.size());
        step(steps, "Organization+Practitioner+PractitionerRole", directory.size(), t);
        directory.clear();
        progress.accept(done[0]);

        // 1. Persons with an INS in batches (registerMissing: a matricule already there is not registered again);
        //    persons without one get a provisional identity, found again by their identifiers.
        t = System.nanoTime();
        long peopleBefore = done[0];
        List<NewPatient> batch = new ArrayList<>();
        List<Entry> batchEntries = new ArrayList<>();
        source.forEach("Patient"::equals, rejected, e -> {
            Patient p = (Patient) e.resource();
            try {
                List<ForeignIdentifier> foreign = foreignIdentifiers(p);
                boolean hasIns = p.getIdentifier().stream().anyMatch(i -> isIns(i.getSystem()));
                RegistrationRequests.PatientForm f = PatientResourceProvider.form(p);
                org.hl7.fhir.r4.model.Extension status = p.getExtensionByUrl(FhirExporter.INS_STATUS_EXTENSION);
                String statusCode = status != null && status.getValue() != null ? status.getValue().primitiveValue() : null;
                if (!hasIns) {
                    Patients.Registered r = patients.registerProvisional(List.of(provisional(f, statusCode, foreign))).get(0);
                    remember(e, r.id(), persons);
                    (r.created() ? created : known).merge("Patient", 1L, Long::sum);
                    done[0]++;
                    return;
                }
                if (statusCode != null) {
                    f = new RegistrationRequests.PatientForm(f.matricule(), f.birthName(), f.firstNames(), f.birthDate(), f.sex(),
                            f.birthPlace(), f.usedName(), f.addressLine(), f.postcode(), f.commune(), f.phone(), f.email(), statusCode);
                }
                NewPatient np = RegistrationRequests.patient(f);
                batch.add(np);
                batchEntries.add(e);
                held.add(1);
            } catch (RuntimeException ex) {
                rejected.add(label(p) + " : " + reason(ex));
                done[0]++;
            }
            if (batch.size() == BATCH) {
                held.release(batch.size());
                done[0] += registerBatch(batch, batchEntries, persons, created, known);
                progress.accept(done[0]);
            }
        });
        held.release(batch.size());
        done[0] += registerBatch(batch, batchEntries, persons, created, known);
        step(steps, "Patient", done[0] - peopleBefore, t);
        progress.accept(done[0]);

        PrescriptionTransfer.Resolver resolver = new PrescriptionTransfer.Resolver() {
            @Override
            public Optional<PatientId> person(Reference ref) {
                return resolve(ref, persons);
            }

            @Override
            public Optional<ProfessionalId> professional(Reference ref) {
                return practitionerOf(ref, practitioners);
            }

            @Override
            public Optional<String> finess(Reference ref) {
                if (ref.hasReference() && finessByKey.containsKey(ref.getReference())) {
                    return Optional.of(finessByKey.get(ref.getReference()));
                }
                return ref.hasIdentifier() && FhirMapper.FINESS_SYSTEM.equals(ref.getIdentifier().getSystem())
                        ? Optional.ofNullable(ref.getIdentifier().getValue()) : Optional.empty();
            }
        };

        // 1b. Agendas (Schedule, then their Slots) before the appointments, which attach to the imported slots.
        t = System.nanoTime();
        long agendaCount = agendas.importAll(source, resolver, created, known, rejected);
        if (agendaCount > 0) {
            done[0] += agendaCount;
            step(steps, "Schedule+Slot", agendaCount, t);
            progress.accept(done[0]);
        }

        // 2. Everything else, streamed, each on its own (a refusal never stops the import). Issue 13: the resources
        //    share one transaction per BATCH (one durable commit for many) and each runs behind a savepoint, so that
        //    a resource that breaks a rule still stores nothing; profile lines are staged and stored BATCH at a time.
        Batch tx = new Batch();
        List<Line> lines = new ArrayList<>();
        long[] last = {System.nanoTime()};
        try {
            source.forEach(type -> !OWN_STEP.contains(type), rejected, e -> {
                Resource r = e.resource();
                int staged = lines.size();
                try {
                    Optional<String> refusal;
                    if (ON_THEIR_OWN.contains(r.fhirType())) {
                        tx.commit();
                        refusal = r instanceof org.hl7.fhir.r4.model.Appointment a ? appointments.importOne(a, resolver, created, known)
                                : r instanceof org.hl7.fhir.r4.model.RelatedPerson rp ? mandates.importOne(rp, resolver, created, known)
                                : research.importOne((org.hl7.fhir.r4.model.ResearchStudy) r, created, known);
                    } else if (r instanceof Consent || r instanceof DocumentReference) {
                        refusal = tx.run(() -> importOne(r, persons, practitioners, created, known, lines));
                    } else {
                        refusal = importOne(r, persons, practitioners, created, known, lines); // stages a profile line: no write yet
                    }
                    refusal.ifPresent(reason -> rejected.add(label(r) + " : " + reason));
                } catch (RuntimeException ex) {
                    rejected.add(label(r) + " : " + reason(ex));
                }
                held.add(lines.size() - staged);
                // Time per type: since the previous resource (this line's reading and parsing included).
                step(steps, r.fhirType(), 1, last[0]);
                if (lines.size() >= BATCH) {
                    held.release(lines.size());
                    storeLines(lines, tx, created, known, rejected, steps);
                }
                progress.accept(++done[0]);
                last[0] = System.nanoTime();
            });
            held.release(lines.size());
            storeLines(lines, tx, created, known, rejected, steps);
            tx.commit();
        } finally {
            tx.rollbackIfOpen();
        }

        // 3. Prescriptions: their lines (MedicationRequest) and dispensed lines (MedicationDispense) together, one prescription
        //    at a time (held whole for the step: a prescription's lines may be anywhere in the files).
        t = System.nanoTime();
        List<Entry> medication = collect(source, MEDICATION::contains, rejected, held);
        if (!medication.isEmpty()) {
            prescriptions.importAll(medication, resolver, created, known, rejected);
            done[0] += medication.size();
            step(steps, "MedicationRequest+MedicationDispense", medication.size(), t);
            progress.accept(done[0]);
        }
        held.release(medication.size());
        t = System.nanoTime();
        List<Entry> labs = collect(source, "ServiceRequest"::equals, rejected, held);
        if (!labs.isEmpty()) {
            prescriptions.importLabs(labs, resolver, created, known, rejected);
            done[0] += labs.size();
            step(steps, "ServiceRequest", labs.size(), t);
            progress.accept(done[0]);
        }
        held.release(labs.size());
        // 4. Secure messages, oldest first: a reply finds the conversation of the message it answers (held whole for the step).
        t = System.nanoTime();
        List<Entry> communications = collect(source, "Communication"::equals, rejected, held);
        if (!communications.isEmpty()) {
            messages.importAll(communications, resolver, created, known, rejected);
            done[0] += communications.size();
            step(steps, "Communication", communications.size(), t);
            progress.accept(done[0]);
        }
        held.release(communications.size());
        // 5. Access journals of former platforms, chain by chain, once their persons are known. Streamed: an export
        //    writes each chain's entries together, so a chain is verified and stored as soon as the next one starts;
        //    an entry found apart from the rest of its chain makes that chain refused (nothing of it is stored: its
        //    first part has no seal, its other part is refused here).
        t = System.nanoTime();
        List<Entry> run = new ArrayList<>();
        String[] runChain = {null};
        long[] audits = {0};
        java.util.Set<String> finished = new java.util.HashSet<>();
        source.forEach("AuditEvent"::equals, rejected, e -> {
            audits[0]++;
            String chain = e.resource() instanceof org.hl7.fhir.r4.model.AuditEvent a ? JournalTransfer.chainOf(a) : null;
            if (chain != null && !chain.equals(runChain[0]) && !run.isEmpty()) {
                finished.add(runChain[0]);
                journals.importAll(run, resolver, created, known, rejected);
                held.release(run.size());
                run.clear();
            }
            if (chain != null && finished.contains(chain)) {
                rejected.add(label(e.resource()) + " : entrée séparée du reste de sa chaîne du journal dans les fichiers :"
                        + " la chaîne ne peut pas être vérifiée entière (importez l'export tel que la plateforme l'a écrit)");
                return;
            }
            if (chain != null) {
                runChain[0] = chain;
            }
            run.add(e);
            held.add(1);
        });
        if (!run.isEmpty()) {
            journals.importAll(run, resolver, created, known, rejected);
            held.release(run.size());
        }
        if (audits[0] > 0) {
            done[0] += audits[0];
            step(steps, "AuditEvent", audits[0], t);
            progress.accept(done[0]);
        }
        journal.append(new JournalEntryDraft(new JournalActor(null, "Opérateur (./hygie import)", "ADMIN"), null, null,
                JournalAction.IMPORT, "FhirImport", null, JournalDecision.PERMIT, "OPERATOR_IMPORT", JournalChannel.CLI, null));
        Map<String, Step> timings = new TreeMap<>();
        steps.forEach((k, v) -> timings.put(k, new Step(v[0], v[1] / 1_000_000)));
        return new Summary(created, known, rejected, (System.nanoTime() - start) / 1_000_000, timings, held.peak);
    }

    /** Time and resources of one step of the import (per type in the per-resource step): for the operator and the benchmarks. */
    record Step(long resources, long millis) {
    }

    private static void step(Map<String, long[]> steps, String name, long resources, long since) {
        step(steps, name, resources, since, System.nanoTime());
    }

    private static void step(Map<String, long[]> steps, String name, long resources, long since, long now) {
        long[] s = steps.computeIfAbsent(name, k -> new long[2]);
        s[0] += resources;
        s[1] += now - since;
    }

    private static List<Entry> collect(ImportSource source, java.util.function.Predicate<String> types, List<String> rejected, Held held) {
        List<Entry> out = new ArrayList<>();
        source.forEach(types, rejected, e -> {
            out.add(e);
            held.add(1);
        });
        return out;
    }

    /**
     * Parsed resources (or staged profile lines) the import holds at the same time, at most: the streaming
     * property of issue 4, counted so that a test can see it ({@code FhirStreamingImportTest}).
     */
    private static final class Held {
        long now;
        long peak;

        void add(long n) {
            now += n;
            peak = Math.max(peak, now);
        }

        void release(long n) {
            now -= n;
        }
    }

    /** A profile line ready to store, with what the summary says of its resource. */
    private record Line(String label, String type, MedicalProfile.ImportedItem item) {
    }

    /**
     * One transaction for up to {@link #RESOURCES_PER_COMMIT} resources (one durable commit instead of one per resource: issue 13),
     * each resource behind a savepoint: when it throws, or leaves the transaction rollback-only, its writes are
     * undone and only it is refused, as when each had a transaction of its own.
     */
    private final class Batch {
        private TransactionStatus status;
        private int units;

        <T> T run(java.util.function.Supplier<T> work) {
            if (status == null) {
                status = transactions.getTransaction(TransactionDefinition.withDefaults());
            }
            Object savepoint = status.createSavepoint();
            boolean undone = false;
            try {
                T result = work.get();
                if (status.isRollbackOnly()) {
                    // A participant failed and the callee turned the failure into a refusal: its writes go too.
                    status.rollbackToSavepoint(savepoint);
                    undone = true;
                    if (!(result instanceof Optional<?> o && o.isPresent())) {
                        throw new IllegalStateException("rolled back");
                    }
                } else {
                    status.releaseSavepoint(savepoint);
                }
                return result;
            } catch (RuntimeException ex) {
                if (!undone) {
                    status.rollbackToSavepoint(savepoint);
                }
                throw ex;
            } finally {
                // PostgreSQL keeps 64 subtransactions per transaction in shared memory; beyond, every snapshot gets slower.
                if (++units >= RESOURCES_PER_COMMIT) {
                    commit();
                }
            }
        }

        void commit() {
            if (status != null) {
                TransactionStatus s = status;
                status = null;
                units = 0;
                transactions.commit(s);
            }
        }

        void rollbackIfOpen() {
            if (status != null) {
                TransactionStatus s = status;
                status = null;
                units = 0;
                transactions.rollback(s);
            }
        }
    }

    /**
     * Stores the staged profile lines, one batch insert per type (idempotent on the line's identifier, like
     * {@link MedicalProfile#importItem}); when a batch is refused, each of its lines again on its own, so that the
     * summary names the lines that break a rule with their reason and the others are stored.
     */
    private void storeLines(List<Line> lines, Batch tx, Map<String, Long> created, Map<String, Long> known, List<String> rejected,
            Map<String, long[]> steps) {
        Map<String, List<Line>> byType = new java.util.LinkedHashMap<>();
        for (Line l : lines) {
            byType.computeIfAbsent(l.type(), k -> new ArrayList<>()).add(l);
        }
        lines.clear();
        for (Map.Entry<String, List<Line>> group : byType.entrySet()) {
            long t = System.nanoTime();
            String type = group.getKey();
            List<Line> of = group.getValue();
            try {
                int added = tx.run(() -> profile.importItems(of.stream().map(Line::item).toList()));
                count(type, added, of.size() - added, created, known);
            } catch (RuntimeException batchRefused) {
                for (Line l : of) {
                    try {
                        MedicalProfile.ImportedItem it = l.item();
                        boolean added = tx.run(() -> profile.importItem(it.patient(), it.item(), null, it.enteredBy(), it.externalId()));
                        count(type, added ? 1 : 0, added ? 0 : 1, created, known);
                    } catch (RuntimeException ex) {
                        rejected.add(l.label() + " : " + reason(ex));
                    }
                }
            }
            step(steps, type, 0, t);
        }
    }

    private static void count(String type, long added, long there, Map<String, Long> created, Map<String, Long> known) {
        if (added > 0) {
            created.merge(type, added, Long::sum);
        }
        if (there > 0) {
            known.merge(type, there, Long::sum);
        }
    }

    private long registerBatch(List<NewPatient> batch, List<Entry> batchEntries, Map<String, PatientId> persons,
            Map<String, Long> created, Map<String, Long> known) {
        if (batch.isEmpty()) {
            return 0;
        }
        // One transaction for the batch and the identifiers of its persons (one durable commit, issue 13).
        long added = new TransactionTemplate(transactions).execute(s -> {
            long before = patients.count();
            Map<String, PatientId> ids = patients.registerMissing(batch);
            for (int i = 0; i < batch.size(); i++) {
                PatientId id = ids.get(batch.get(i).ins().matricule().value());
                Entry e = batchEntries.get(i);
                remember(e, id, persons);
                patients.addIdentifiers(id, foreignIdentifiers((Patient) e.resource()));
            }
            return patients.count() - before;
        });
        created.merge("Patient", added, Long::sum);
        known.merge("Patient", batch.size() - added, Long::sum);
        long n = batch.size();
        batch.clear();
        batchEntries.clear();
        return n;
    }

    private static <T> void remember(Entry e, T id, Map<String, T> byKey) {
        if (e.resource().hasIdElement() && e.resource().getIdElement().getIdPart() != null) {
            byKey.put(e.resource().fhirType() + "/" + e.resource().getIdElement().getIdPart(), id);
        }
        if (e.fullUrl() != null) {
            byKey.put(e.fullUrl(), id);
        }
    }

    /** A Consent or a document, imported; any other resource of step 2 staged as a profile line (stored by {@link #storeLines}). */
    private Optional<String> importOne(Resource r, Map<String, PatientId> persons, Map<String, ProfessionalId> practitioners,
            Map<String, Long> created, Map<String, Long> known, List<Line> lines) {
        String type = r.fhirType();
        if (r instanceof Consent c) {
            return importConsent(c, persons, practitioners, created, known);
        }
        Reference subject = ClinicalMapper.subject(r);
        if (subject == null) {
            return Optional.of("type de ressource non pris en charge");
        }
        Optional<PatientId> patient = resolve(subject, persons);
        if (patient.isEmpty()) {
            return Optional.of("la personne référencée (" + subject.getReference() + ") est introuvable");
        }
        String sourceId = r.getIdElement().getIdPart();
        if (r instanceof DocumentReference d) {
            if (d.getContentFirstRep().getAttachment().getData() == null) {
                return Optional.of("contenu absent (attachment.data) : un document s'importe avec son contenu");
            }
            String externalId = ClinicalMapper.externalId(d.getIdentifier(), type, sourceId);
            Reference author = d.getAuthor().isEmpty() ? null : d.getAuthorFirstRep();
            ProfessionalId pro = author == null || !author.hasIdentifier() ? null
                    : professionalOf(author.getIdentifier(), practitioners).orElse(null);
            // Another system may not say who wrote the document: the record keeps a name for every document (found
            // importing a generated transaction Bundle: every document without author.display was refused with a SQL error).
            String authorName = author == null || !author.hasDisplay() ? UNNAMED_SOURCE : author.getDisplay();
            boolean added = documents.importDocument(ClinicalMapper.newDocument(d, patient.get()), pro, authorName, externalId);
            (added ? created : known).merge(type, 1L, Long::sum);
            return Optional.empty();
        }
        Optional<NewProfileItem> item = ClinicalMapper.profileItem(r);
        if (item.isEmpty()) {
            return Optional.of("type de ressource non pris en charge");
        }
        // Another system may not say who recorded the line: the record keeps a name for every line.
        String by = ClinicalMapper.recordedBy(r);
        lines.add(new Line(label(r), type, new MedicalProfile.ImportedItem(patient.get(), item.get(), by == null ? UNNAMED_SOURCE : by,
                ClinicalMapper.externalId(identifiers(r), type, sourceId))));
        return Optional.empty();
    }

    private Optional<PatientId> resolve(Reference ref, Map<String, PatientId> persons) {
        if (ref.hasReference()) {
            String key = ref.getReference();
            if (persons.containsKey(key)) {
                return Optional.of(persons.get(key));
            }
            String tail = key.contains("Patient/") ? key.substring(key.lastIndexOf("Patient/")) : key;
            if (persons.containsKey(tail)) {
                return Optional.of(persons.get(tail));
            }
        }
        if (ref.hasIdentifier() && ref.getIdentifier().hasValue()) {
            Identifier id = ref.getIdentifier();
            if (!id.hasSystem() || isIns(id.getSystem())) {
                return patients.byMatricule(id.getValue());
            }
            return patients.byIdentifier(new ForeignIdentifier(id.getSystem(), id.getValue()));
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ persons without INS

    private static boolean isIns(String system) {
        return InsMatricule.INS_NIR_SYSTEM.equals(system) || InsMatricule.INS_NIA_SYSTEM.equals(system);
    }

    /** Every identifier from another system (system and value present, not an INS), kept as it came. */
    static List<ForeignIdentifier> foreignIdentifiers(Patient p) {
        List<ForeignIdentifier> out = new ArrayList<>();
        for (Identifier i : p.getIdentifier()) {
            if (i.hasSystem() && i.hasValue() && !isIns(i.getSystem())) {
                out.add(new ForeignIdentifier(i.getSystem(), i.getValue()));
            }
        }
        return out;
    }

    /** A person without INS: provisional identity (or « validée » when the data say so), same strict traits. */
    private static NewProvisionalPatient provisional(RegistrationRequests.PatientForm f, String statusCode, List<ForeignIdentifier> foreign) {
        InsStatus status = "VALIDATED".equals(statusCode) ? InsStatus.VALIDATED : InsStatus.PROVISIONAL;
        LocalDate birthDate;
        try {
            birthDate = f.birthDate() == null ? null : LocalDate.parse(f.birthDate());
        } catch (java.time.format.DateTimeParseException e) {
            birthDate = null;
        }
        Sex sex = Sex.fromCode(f.sex()).orElse(null);
        return new NewProvisionalPatient(f.birthName(), f.firstNames(), birthDate, sex, f.birthPlace(), status, f.usedName(),
                f.addressLine(), f.postcode(), f.commune() == null || f.commune().isBlank() ? null : InseeCommuneCode.parse(f.commune()),
                f.phone(), f.email(), foreign);
    }

    // ------------------------------------------------------------------ directory

    private static String key(Resource r) {
        return r.fhirType() + "/" + r.getIdElement().getIdPart();
    }

    private static Optional<String> finess(Organization o) {
        return o.getIdentifier().stream().filter(i -> FhirMapper.FINESS_SYSTEM.equals(i.getSystem()) && i.hasValue())
                .map(Identifier::getValue).findFirst();
    }

    /** Organizations by FINESS: legal entities first, then the sites that belong to them (partOf). */
    private long importOrganizations(List<Entry> entries, Map<String, Long> created, Map<String, Long> known, List<String> rejected) {
        List<Entry> orgs = entries.stream().filter(e -> e.resource() instanceof Organization).toList();
        Map<String, String> finessByKey = new HashMap<>();
        for (Entry e : orgs) {
            finess((Organization) e.resource()).ifPresent(f -> remember(e, f, finessByKey));
        }
        List<Entry> sites = new ArrayList<>();
        for (Entry e : orgs) {
            Organization o = (Organization) e.resource();
            if (isSite(o)) {
                sites.add(e);
            } else {
                importOrganization(o, null, created, known, rejected);
            }
        }
        for (Entry e : sites) {
            Organization o = (Organization) e.resource();
            Reference parent = o.getPartOf();
            String legal = parent.hasReference() ? finessByKey.get(parent.getReference())
                    : parent.hasIdentifier() ? parent.getIdentifier().getValue() : null;
            importOrganization(o, legal, created, known, rejected);
        }
        return orgs.size();
    }

    private static boolean isSite(Organization o) {
        boolean typedSite = o.getIdentifier().stream().flatMap(i -> i.getType().getCoding().stream()).anyMatch(c -> "FINEG".equals(c.getCode()));
        boolean typedLegal = o.getIdentifier().stream().flatMap(i -> i.getType().getCoding().stream()).anyMatch(c -> "FINEJ".equals(c.getCode()));
        return typedSite || !typedLegal && o.hasPartOf();
    }

    private void importOrganization(Organization o, String legalEntity, Map<String, Long> created, Map<String, Long> known,
            List<String> rejected) {
        try {
            Optional<String> finess = finess(o);
            if (finess.isEmpty()) {
                rejected.add(label(o) + " : structure sans numéro FINESS");
                return;
            }
            if (structures.byFiness(finess.get()).isPresent()) {
                known.merge("Organization", 1L, Long::sum);
                return;
            }
            boolean site = isSite(o);
            if (site && legalEntity == null) {
                rejected.add(label(o) + " : établissement sans entité juridique (partOf) connue");
                return;
            }
            Address a = o.getAddress().isEmpty() ? null : o.getAddressFirstRep();
            String commune = a == null ? null : inseeCode(a);
            String category = o.getType().stream().filter(CodeableConcept::hasText).map(CodeableConcept::getText).findFirst().orElse(null);
            structures.registerMissing(List.of(new NewStructure(Finess.parse(finess.get()), site ? StructureKind.GEOGRAPHIC_SITE
                    : StructureKind.LEGAL_ENTITY, site ? Finess.parse(legalEntity) : null, o.getName(), category,
                    a == null || a.getLine().isEmpty() ? null : a.getLine().get(0).getValue(), a == null ? null : a.getPostalCode(),
                    commune == null ? null : InseeCommuneCode.parse(commune), null, null)));
            created.merge("Organization", 1L, Long::sum);
        } catch (RuntimeException ex) {
            rejected.add(label(o) + " : " + reason(ex));
        }
    }

    private static Double decimal(org.hl7.fhir.r4.model.Extension geo, String part) {
        org.hl7.fhir.r4.model.Extension x = geo == null ? null : geo.getExtensionByUrl(part);
        return x != null && x.getValue() instanceof org.hl7.fhir.r4.model.DecimalType d && d.getValue() != null ? d.getValue().doubleValue() : null;
    }

    private static String inseeCode(Address a) {
        org.hl7.fhir.r4.model.Extension e = a.getExtensionByUrl(FhirMapper.INSEE_CODE_EXTENSION);
        return e != null && e.getValue() instanceof Coding c ? c.getCode() : null;
    }

    /** The RPPS number a Practitioner carries (RPPS, or idNat_PS = 8 + RPPS). */
    private static Optional<String> rpps(List<Identifier> identifiers) {
        for (Identifier i : identifiers) {
            String v = i.getValue() == null ? "" : i.getValue().trim();
            if (FhirMapper.RPPS_SYSTEM.equals(i.getSystem()) && !v.isEmpty()) {
                return Optional.of(v);
            }
        }
        for (Identifier i : identifiers) {
            String v = i.getValue() == null ? "" : i.getValue().trim();
            if (FhirMapper.IDNAT_PS_SYSTEM.equals(i.getSystem()) && v.length() == 12 && v.startsWith("8")) {
                return Optional.of(v.substring(1));
            }
        }
        return Optional.empty();
    }

    /**
     * Practitioners by RPPS, each with its PractitionerRole (profession and specialty from the national
     * lists, structure by FINESS): Hygie holds one role per professional, so a role counts with its practitioner.
     */
    private long importPractitioners(List<Entry> entries, Map<String, ProfessionalId> practitioners, Map<String, Long> created,
            Map<String, Long> known, List<String> rejected) {
        Map<String, StructureId> structureByKey = new HashMap<>();
        Map<String, PractitionerRole> roleByPractitioner = new HashMap<>();
        long n = 0;
        for (Entry e : entries) {
            if (e.resource() instanceof Organization o) {
                Optional<StructureId> id = finess(o).flatMap(structures::byFiness).map(Structure::id);
                id.ifPresent(x -> remember(e, x, structureByKey));
            } else if (e.resource() instanceof PractitionerRole role) {
                n++;
                Reference who = role.getPractitioner();
                if (who.hasReference()) {
                    roleByPractitioner.put(who.getReference(), role);
                } else if (who.hasIdentifier()) {
                    rpps(List.of(who.getIdentifier())).ifPresent(r -> roleByPractitioner.put("rpps:" + r, role));
                }
            }
        }
        java.util.Set<PractitionerRole> used = new java.util.HashSet<>();
        for (Entry e : entries) {
            if (!(e.resource() instanceof Practitioner p)) {
                continue;
            }
            n++;
            try {
                Optional<String> rpps = rpps(p.getIdentifier());
                if (rpps.isEmpty()) {
                    rejected.add(label(p) + " : professionnel sans numéro RPPS");
                    continue;
                }
                PractitionerRole role = roleByPractitioner.get(key(p));
                if (role == null && e.fullUrl() != null) {
                    role = roleByPractitioner.get(e.fullUrl());
                }
                if (role == null) {
                    role = roleByPractitioner.get("rpps:" + rpps.get());
                }
                Optional<ProfessionalId> existing = professionals.byRpps(rpps.get()).map(Professional::id);
                if (existing.isPresent()) {
                    remember(e, existing.get(), practitioners);
                    known.merge("Practitioner", 1L, Long::sum);
                    if (role != null) {
                        used.add(role);
                        known.merge("PractitionerRole", 1L, Long::sum);
                    }
                    continue;
                }
                if (role == null) {
                    rejected.add(label(p) + " : profession inconnue (aucun PractitionerRole pour ce professionnel)");
                    continue;
                }
                used.add(role);
                String profession = role.getCode().stream().flatMap(c -> c.getCoding().stream()).map(Coding::getCode)
                        .filter(c -> c != null && Professions.bundled().find(c).isPresent()).findFirst().orElse(null);
                String specialty = role.getSpecialty().stream().flatMap(c -> c.getCoding().stream()).map(Coding::getCode)
                        .filter(c -> c != null && Specialties.bundled().find(c).isPresent()).findFirst().orElse(null);
                StructureId structure = null;
                Reference org = role.getOrganization();
                if (org.hasReference()) {
                    structure = structureByKey.get(org.getReference());
                } else if (org.hasIdentifier() && org.getIdentifier().hasValue()) {
                    structure = structures.byFiness(org.getIdentifier().getValue()).map(Structure::id).orElse(null);
                }
                HumanName name = p.getName().stream().filter(x -> x.getUse() == HumanName.NameUse.OFFICIAL).findFirst()
                        .orElse(p.getName().isEmpty() ? new HumanName() : p.getNameFirstRep());
                List<String> languages = p.getCommunication().stream().map(c -> c.getCoding().stream().map(Coding::getCode)
                        .filter(x -> x != null && !x.isBlank()).findFirst().orElse(c.hasText() ? c.getText().trim() : null))
                        .filter(c -> c != null && !c.isBlank()).toList();
                Sex sex = p.getGender() == null ? null : p.getGender() == Enumerations.AdministrativeGender.MALE ? Sex.MALE
                        : p.getGender() == Enumerations.AdministrativeGender.FEMALE ? Sex.FEMALE : null;
                Address work = p.getAddress().stream().filter(x -> x.getUse() == Address.AddressUse.WORK).findFirst()
                        .orElse(p.getAddress().isEmpty() ? null : p.getAddressFirstRep());
                String commune = work == null ? null : inseeCode(work);
                org.hl7.fhir.r4.model.Extension geo = work == null ? null : work.getExtensionByUrl(FhirMapper.GEOLOCATION_EXTENSION);
                Double latitude = decimal(geo, "latitude");
                Double longitude = decimal(geo, "longitude");
                org.hl7.fhir.r4.model.Extension sectorX = role.getExtensionByUrl(FhirMapper.SECTOR_EXTENSION);
                Integer sector = sectorX != null && sectorX.getValue() instanceof org.hl7.fhir.r4.model.IntegerType i ? i.getValue() : null;
                org.hl7.fhir.r4.model.Extension teleX = role.getExtensionByUrl(FhirMapper.TELECONSULTATION_EXTENSION);
                boolean tele = teleX != null && teleX.getValue() instanceof org.hl7.fhir.r4.model.BooleanType b && b.booleanValue();
                ProfessionalId id = professionals.registerMissing(List.of(new NewProfessional(Rpps.parse(rpps.get()), profession,
                        specialty, name.getFamily(), name.getGiven().isEmpty() ? null : name.getGiven().get(0).getValue(), sex, structure,
                        commune == null ? null : InseeCommuneCode.parse(commune), latitude == null || longitude == null ? null : latitude,
                        latitude == null || longitude == null ? null : longitude, sector, tele, languages))).get(rpps.get());
                remember(e, id, practitioners);
                created.merge("Practitioner", 1L, Long::sum);
                created.merge("PractitionerRole", 1L, Long::sum);
            } catch (RuntimeException ex) {
                rejected.add(label(p) + " : " + reason(ex));
            }
        }
        for (Entry e : entries) {
            if (e.resource() instanceof PractitionerRole role && !used.contains(role)) {
                rejected.add(label(role) + " : le professionnel (Practitioner) de ce rôle n'est pas dans les données importées");
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ sharing choices

    /**
     * A Consent of Hygie's kinds (or, from another system, a permit/deny naming a practitioner: an
     * authorisation or a block), replayed through the access module with its date.
     */
    private Optional<String> importConsent(Consent c, Map<String, PatientId> persons, Map<String, ProfessionalId> practitioners,
            Map<String, Long> created, Map<String, Long> known) {
        Optional<PatientId> patient = c.hasPatient() ? resolve(c.getPatient(), persons) : Optional.empty();
        if (patient.isEmpty()) {
            return Optional.of("la personne référencée (" + c.getPatient().getReference() + ") est introuvable");
        }
        if (ObjectionTransfer.isObjection(c)) {
            return objections.importOne(c, patient.get(), created, known);
        }
        if (c.getStatus() != Consent.ConsentState.ACTIVE) {
            return Optional.of("choix qui n'est plus en vigueur (status " + (c.getStatus() == null ? "absent" : c.getStatus().toCode())
                    + ") : rien à appliquer");
        }
        String kind = c.getCategory().stream().flatMap(x -> x.getCoding().stream())
                .filter(x -> ConsentResourceProvider.KIND_SYSTEM.equals(x.getSystem())).map(Coding::getCode).findFirst().orElse(null);
        boolean permit = c.getProvision().getType() != Consent.ConsentProvisionType.DENY;
        SharingTransfer.Outcome outcome;
        if ("EMERGENCY_ACCESS".equals(kind)) {
            outcome = sharing.emergencyAccess(patient.get(), permit);
        } else if (ConsentResourceProvider.SHARE_WITH_CARE_TEAM.equals(kind)) {
            outcome = sharing.shareAdditionsWithCareTeam(patient.get(), permit);
        } else {
            Reference who = c.getProvision().getActor().stream().map(Consent.provisionActorComponent::getReference)
                    .findFirst().orElse(null);
            Optional<ProfessionalId> pro = who == null ? Optional.empty() : practitionerOf(who, practitioners);
            if (pro.isEmpty()) {
                return Optional.of("le professionnel concerné (provision.actor) est introuvable dans l'annuaire");
            }
            java.time.Instant since = c.hasDateTime() ? c.getDateTime().toInstant() : java.time.Instant.now();
            if ("TREATING_PHYSICIAN".equals(kind)) {
                LocalDate day = c.hasDateTime() ? LocalDate.parse(c.getDateTimeElement().getValueAsString().substring(0, 10)) : LocalDate.now();
                outcome = sharing.treatingPhysician(patient.get(), pro.get(), day);
            } else if ("AUTHORISATION".equals(kind) || kind == null && permit) {
                outcome = sharing.authorisation(patient.get(), pro.get(), since);
            } else if ("BLOCK".equals(kind) || kind == null) {
                outcome = sharing.block(patient.get(), pro.get(), since);
            } else {
                return Optional.of("sorte de choix inconnue : " + kind);
            }
        }
        if (outcome.refused()) {
            return Optional.of(outcome.refusal());
        }
        (outcome.created() ? created : known).merge("Consent", 1L, Long::sum);
        return Optional.empty();
    }

    private Optional<ProfessionalId> practitionerOf(Reference ref, Map<String, ProfessionalId> practitioners) {
        if (ref.hasReference() && practitioners.containsKey(ref.getReference())) {
            return Optional.of(practitioners.get(ref.getReference()));
        }
        if (ref.hasIdentifier()) {
            return professionalOf(ref.getIdentifier(), practitioners);
        }
        return Optional.empty();
    }

    /**
     * {@link #professionalOf(Identifier)}, looked up once per import for each identifier (a registered professional
     * is never removed): the consents and documents of a population name the same few thousand professionals.
     */
    private Optional<ProfessionalId> professionalOf(Identifier id, Map<String, ProfessionalId> practitioners) {
        String key = "identifier " + id.getSystem() + "|" + id.getValue();
        ProfessionalId known = practitioners.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<ProfessionalId> found = professionalOf(id).map(Professional::id);
        found.ifPresent(p -> practitioners.put(key, p));
        return found;
    }

    private Optional<Professional> professionalOf(Identifier id) {
        String value = id.getValue() == null ? "" : id.getValue();
        if (FhirMapper.IDNAT_PS_SYSTEM.equals(id.getSystem()) && value.length() == 12 && value.startsWith("8")) {
            return professionals.byRpps(value.substring(1));
        }
        if (FhirMapper.RPPS_SYSTEM.equals(id.getSystem())) {
            return professionals.byRpps(value);
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static List<Identifier> identifiers(Resource r) {
        try {
            return (List<Identifier>) r.getClass().getMethod("getIdentifier").invoke(r);
        } catch (ReflectiveOperationException e) {
            return List.of();
        }
    }

    /**
     * Why a resource was refused, for the operator's summary: the rule's own French message (identity,
     * record, access rules), never the text of an unexpected error (SQL, values of the data).
     */
    static String reason(RuntimeException ex) {
        if (ex instanceof fr.hygie.platform.web.RefusedInput && ex.getMessage() != null) {
            return ex.getMessage();
        }
        return "erreur à l'enregistrement (" + ex.getClass().getSimpleName() + ")";
    }

    /**
     * How the summary names a resource: its type and id, and where it was when a Bundle brought it (file and entry
     * number, {@link #WHERE}), so that the operator finds it in a file of thousands of entries.
     */
    static String label(Resource r) {
        String id = r.getIdElement() == null ? null : r.getIdElement().getIdPart();
        Object where = r.getUserData(WHERE);
        return r.fhirType() + (id == null ? "" : "/" + id) + (where == null ? "" : " (" + where + ")");
    }

    /** User data of a resource read from a JSON file: « file.json, entrée 12 » (the entries numbered from 1, like lines). */
    static final String WHERE = "hygie.import.where";
}
