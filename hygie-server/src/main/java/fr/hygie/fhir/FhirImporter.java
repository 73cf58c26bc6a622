package fr.hygie.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import fr.hygie.identity.InsMatricule;
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
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * Imports FHIR R4 data from Hygie or another system (NDJSON files of a Bulk export, or a transaction
 * or collection Bundle), idempotently: persons by their INS matricule, documents and profile lines by
 * the identifier they came with (or their source id), so that importing twice creates nothing twice.
 * Identifiers from other systems are kept (they become the stored external id, exported again as
 * they came). References to persons are resolved through the data's own ids and fullUrls, or the INS
 * identifier on the reference. Unknown elements are ignored (lenient parser). Every resource that
 * cannot be imported is listed with its reason; nothing else stops the import.
 *
 * <p>Not imported yet, and reported as rejected: persons without an INS (the identity register requires
 * a matricule today: a provisional identity without INS needs a change in the identity module) and
 * Consents (sharing choices are the person's own acts; they are not replayed by an operator).
 */
@Component
class FhirImporter {

    /** What an import did: counts per type and every rejected resource with its reason. */
    record Summary(Map<String, Long> created, Map<String, Long> alreadyThere, List<String> rejected, long millis) {
        long total() {
            return created.values().stream().mapToLong(Long::longValue).sum()
                    + alreadyThere.values().stream().mapToLong(Long::longValue).sum() + rejected.size();
        }
    }

    private final FhirContext fhir;
    private final Patients patients;
    private final Professionals professionals;
    private final Documents documents;
    private final MedicalProfile profile;
    private final Journal journal;

    FhirImporter(FhirContext fhir, Patients patients, Professionals professionals, Documents documents, MedicalProfile profile,
            Journal journal) {
        this.fhir = fhir;
        this.patients = patients;
        this.professionals = professionals;
        this.documents = documents;
        this.profile = profile;
        this.journal = journal;
    }

    /** Reads a folder of {@code *.ndjson} files or one Bundle (JSON); fullUrls of a Bundle are kept for references. */
    List<Entry> read(Path path, List<String> rejected) throws IOException {
        IParser parser = fhir.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false));
        List<Entry> entries = new ArrayList<>();
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> s = Files.list(path)) {
                files = s.filter(f -> f.getFileName().toString().endsWith(".ndjson")).sorted(Comparator.comparing(Path::toString)).toList();
            }
            for (Path f : files) {
                try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    String line;
                    int n = 0;
                    while ((line = in.readLine()) != null) {
                        n++;
                        if (line.isBlank()) {
                            continue;
                        }
                        try {
                            entries.add(new Entry((Resource) parser.parseResource(line), null));
                        } catch (RuntimeException e) {
                            rejected.add(f.getFileName() + " ligne " + n + " : illisible (" + e.getMessage() + ")");
                        }
                    }
                }
            }
            return entries;
        }
        IBaseResource root;
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            root = parser.parseResource(in);
        } catch (RuntimeException e) {
            // Not FHIR JSON, or JSON that HAPI's parser trips on (a Bundle entry whose resource is null threw a
            // NullPointerException: found by FhirImportFuzzTest): a clean rejection of the file, nothing read.
            rejected.add(path.getFileName() + " : illisible, ce n'est pas une ressource FHIR R4 en JSON ("
                    + e.getClass().getSimpleName() + ")");
            return entries;
        }
        if (root instanceof Bundle b) {
            for (Bundle.BundleEntryComponent e : b.getEntry()) {
                if (e.hasResource()) {
                    entries.add(new Entry(e.getResource(), e.hasFullUrl() ? e.getFullUrl() : null));
                }
            }
        } else {
            entries.add(new Entry((Resource) root, null));
        }
        return entries;
    }

    record Entry(Resource resource, String fullUrl) {
    }

    Summary importAll(List<Entry> entries, List<String> rejectedAtRead, LongConsumer progress) {
        long start = System.nanoTime();
        Map<String, Long> created = new TreeMap<>();
        Map<String, Long> known = new TreeMap<>();
        List<String> rejected = new ArrayList<>(rejectedAtRead);
        Map<String, PatientId> persons = new HashMap<>();
        long done = 0;

        // 1. Persons, in batches (registerMissing: a matricule already there is not registered again).
        List<Entry> people = entries.stream().filter(e -> e.resource() instanceof Patient).toList();
        List<NewPatient> batch = new ArrayList<>();
        List<Entry> batchEntries = new ArrayList<>();
        for (Entry e : people) {
            Patient p = (Patient) e.resource();
            try {
                RegistrationRequests.PatientForm f = PatientResourceProvider.form(p);
                org.hl7.fhir.r4.model.Extension status = p.getExtensionByUrl(FhirExporter.INS_STATUS_EXTENSION);
                if (status != null && status.getValue() != null) {
                    f = new RegistrationRequests.PatientForm(f.matricule(), f.birthName(), f.firstNames(), f.birthDate(), f.sex(),
                            f.birthPlace(), f.usedName(), f.addressLine(), f.postcode(), f.commune(), f.phone(), f.email(),
                            status.getValue().primitiveValue());
                }
                NewPatient np = RegistrationRequests.patient(f);
                batch.add(np);
                batchEntries.add(e);
            } catch (RuntimeException ex) {
                boolean noIns = p.getIdentifier().stream().noneMatch(i -> InsMatricule.INS_NIR_SYSTEM.equals(i.getSystem())
                        || InsMatricule.INS_NIA_SYSTEM.equals(i.getSystem()));
                rejected.add(label(p) + " : " + (noIns
                        ? "personne sans INS : l'identité provisoire (sans matricule) n'est pas encore prise en charge"
                        : ex.getMessage()));
            }
            if (batch.size() == 500) {
                done += registerBatch(batch, batchEntries, persons, created, known);
                progress.accept(done);
            }
        }
        done += registerBatch(batch, batchEntries, persons, created, known);
        progress.accept(done + rejected.size() - rejectedAtRead.size());

        // 2. Everything else, each on its own (a refusal never stops the import).
        for (Entry e : entries) {
            Resource r = e.resource();
            if (r instanceof Patient) {
                continue;
            }
            String type = r.fhirType();
            try {
                Optional<String> refusal = importOne(r, persons, created, known);
                refusal.ifPresent(reason -> rejected.add(label(r) + " : " + reason));
            } catch (RuntimeException ex) {
                rejected.add(label(r) + " : " + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
            }
            progress.accept(++done);
        }
        journal.append(new JournalEntryDraft(new JournalActor(null, "Opérateur (./hygie import)", "ADMIN"), null, null,
                JournalAction.IMPORT, "FhirImport", null, JournalDecision.PERMIT, "OPERATOR_IMPORT", JournalChannel.CLI, null));
        return new Summary(created, known, rejected, (System.nanoTime() - start) / 1_000_000);
    }

    private long registerBatch(List<NewPatient> batch, List<Entry> batchEntries, Map<String, PatientId> persons,
            Map<String, Long> created, Map<String, Long> known) {
        if (batch.isEmpty()) {
            return 0;
        }
        long before = patients.count();
        Map<String, PatientId> ids = patients.registerMissing(batch);
        long added = patients.count() - before;
        for (int i = 0; i < batch.size(); i++) {
            PatientId id = ids.get(batch.get(i).ins().matricule().value());
            Entry e = batchEntries.get(i);
            if (e.resource().hasIdElement() && e.resource().getIdElement().getIdPart() != null) {
                persons.put("Patient/" + e.resource().getIdElement().getIdPart(), id);
            }
            if (e.fullUrl() != null) {
                persons.put(e.fullUrl(), id);
            }
        }
        created.merge("Patient", added, Long::sum);
        known.merge("Patient", batch.size() - added, Long::sum);
        long n = batch.size();
        batch.clear();
        batchEntries.clear();
        return n;
    }

    private Optional<String> importOne(Resource r, Map<String, PatientId> persons, Map<String, Long> created, Map<String, Long> known) {
        String type = r.fhirType();
        Reference subject = ClinicalMapper.subject(r);
        if (subject == null) {
            return Optional.of("Consent".equals(type)
                    ? "les choix de partage (Consent) ne sont pas importés : la personne les refait elle-même"
                    : "type de ressource non pris en charge");
        }
        Optional<PatientId> patient = resolve(subject, persons);
        if (patient.isEmpty()) {
            return Optional.of("la personne référencée (" + subject.getReference() + ") est introuvable");
        }
        String sourceId = r.getIdElement().getIdPart();
        boolean added;
        if (r instanceof DocumentReference d) {
            if (d.getContentFirstRep().getAttachment().getData() == null) {
                return Optional.of("contenu absent (attachment.data) : un document s'importe avec son contenu");
            }
            String externalId = ClinicalMapper.externalId(d.getIdentifier(), type, sourceId);
            Reference author = d.getAuthor().isEmpty() ? null : d.getAuthorFirstRep();
            Professional pro = author == null || !author.hasIdentifier() ? null : professionalOf(author.getIdentifier()).orElse(null);
            added = documents.importDocument(ClinicalMapper.newDocument(d, patient.get()), pro == null ? null : pro.id(),
                    author == null ? null : author.getDisplay(), externalId);
        } else {
            Optional<NewProfileItem> item = ClinicalMapper.profileItem(r);
            if (item.isEmpty()) {
                return Optional.of("type de ressource non pris en charge");
            }
            added = profile.importItem(patient.get(), item.get(), null, ClinicalMapper.recordedBy(r),
                    ClinicalMapper.externalId(identifiers(r), type, sourceId));
        }
        (added ? created : known).merge(type, 1L, Long::sum);
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
            return patients.byMatricule(ref.getIdentifier().getValue());
        }
        return Optional.empty();
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

    private static String label(Resource r) {
        String id = r.getIdElement() == null ? null : r.getIdElement().getIdPart();
        return r.fhirType() + (id == null ? "" : "/" + id);
    }
}
