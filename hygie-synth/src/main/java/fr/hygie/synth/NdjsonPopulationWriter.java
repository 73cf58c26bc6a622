package fr.hygie.synth;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a population as four NDJSON files (structures, professionals, persons, events), one JSON
 * object per line, UTF-8, '\n' line ends. Counts what it wrote.
 */
public final class NdjsonPopulationWriter implements PopulationSink, Closeable {

    private final Writer structures;
    private final Writer professionals;
    private final Writer persons;
    private final Writer events;
    private final StringBuilder buffer = new StringBuilder(1024);
    private SynthPerson currentPerson;
    private long structureCount;
    private long professionalCount;
    private long personCount;
    private final java.util.Map<String, Long> eventCounts = new java.util.TreeMap<>();

    public NdjsonPopulationWriter(Path directory) throws IOException {
        Files.createDirectories(directory);
        structures = open(directory.resolve("structures.ndjson"));
        professionals = open(directory.resolve("professionals.ndjson"));
        persons = open(directory.resolve("persons.ndjson"));
        events = open(directory.resolve("events.ndjson"));
    }

    /** Writes to any four writers, e.g. in memory for a digest. */
    public NdjsonPopulationWriter(Writer structures, Writer professionals, Writer persons, Writer events) {
        this.structures = structures;
        this.professionals = professionals;
        this.persons = persons;
        this.events = events;
    }

    private static Writer open(Path file) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
    }

    @Override
    public void acceptStructure(SynthStructure s) {
        write(structures, new Json(buffer)
                .field("finess", s.finess())
                .field("kind", s.kind().name())
                .field("legalEntityFiness", s.legalEntityFiness())
                .field("category", s.category().name())
                .field("categoryLabel", s.category().label())
                .field("name", s.name())
                .field("addressLine", s.addressLine())
                .field("postcode", s.postcode())
                .field("communeInsee", s.communeInsee())
                .field("communeName", s.communeName())
                .field("department", s.department())
                .field("latitude", s.latitude())
                .field("longitude", s.longitude())
                .end());
        structureCount++;
    }

    @Override
    public void acceptProfessional(SynthProfessional p) {
        write(professionals, new Json(buffer)
                .field("rpps", p.rpps())
                .field("idNatPs", p.idNatPs())
                .field("professionCode", p.professionCode())
                .field("specialtyCode", p.specialtyCode())
                .field("familyName", p.familyName())
                .field("givenName", p.givenName())
                .field("sex", p.sex().name())
                .field("structureFiness", p.structureFiness())
                .field("addressLine", p.addressLine())
                .field("postcode", p.postcode())
                .field("communeInsee", p.communeInsee())
                .field("department", p.department())
                .field("regionCode", p.regionCode())
                .field("latitude", p.latitude())
                .field("longitude", p.longitude())
                .field("conventionSector", p.conventionSector())
                .field("languages", p.languages())
                .field("teleconsultation", p.teleconsultation())
                .end());
        professionalCount++;
    }

    @Override
    public void acceptPerson(SynthPerson p) {
        currentPerson = p;
        write(persons, new Json(buffer)
                .field("index", p.index())
                .field("nir", p.nir())
                .field("birthName", p.birthName())
                .field("firstNames", p.firstNames())
                .field("usedName", p.usedName())
                .field("usedFirstName", p.usedFirstName())
                .field("birthDate", p.birthDate())
                .field("sex", p.sex().name())
                .field("birthPlaceCode", p.birthPlaceCode())
                .field("residenceInsee", p.residenceInsee())
                .field("postcode", p.postcode())
                .field("addressLine", p.addressLine())
                .field("department", p.department())
                .field("regionCode", p.regionCode())
                .field("latitude", p.latitude())
                .field("longitude", p.longitude())
                .field("phone", p.phone())
                .field("email", p.email())
                .field("medecinTraitantRpps", p.medecinTraitantRpps())
                .field("usesDigitalSpace", p.usesDigitalSpace())
                .end());
        personCount++;
    }

    @Override
    public void acceptEvent(SynthEvent e) {
        Json json = new Json(buffer)
                .field("type", e.type())
                .field("personIndex", e.personIndex())
                .field("nir", currentPerson != null && currentPerson.index() == e.personIndex()
                        ? currentPerson.nir() : null)
                .field("sequence", e.sequence())
                .field("date", e.date());
        if (e instanceof SynthCondition c) {
            json.field("icd10", c.icd10()).field("label", c.label());
        } else if (e instanceof SynthMedication m) {
            json.field("atc", m.atc()).field("label", m.label()).field("dosage", m.dosage())
                    .field("conditionIcd10", m.conditionIcd10()).field("prescriberRpps", m.prescriberRpps());
        } else if (e instanceof SynthLabResult l) {
            json.field("loinc", l.loinc()).field("label", l.label()).field("value", l.value()).field("unit", l.unit());
        } else if (e instanceof SynthVaccination v) {
            json.field("vaccineCode", v.vaccineCode()).field("label", v.label());
        } else if (e instanceof SynthMeasurement m) {
            json.field("loinc", m.loinc()).field("label", m.label()).field("value", m.value()).field("unit", m.unit());
        } else if (e instanceof SynthDocument d) {
            json.field("loincType", d.loincType()).field("title", d.title()).field("authorRpps", d.authorRpps())
                    .field("body", d.body());
        }
        write(events, json.end());
        eventCounts.merge(e.type(), 1L, Long::sum);
    }

    @Override
    public void end() {
        try {
            structures.flush();
            professionals.flush();
            persons.flush();
            events.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Writer w : new Writer[] {structures, professionals, persons, events}) {
            try {
                w.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void write(Writer out, String line) {
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long structureCount() {
        return structureCount;
    }

    public long professionalCount() {
        return professionalCount;
    }

    public long personCount() {
        return personCount;
    }

    /** Events written, by {@link SynthEvent#type()}. */
    public java.util.Map<String, Long> eventCounts() {
        return java.util.Collections.unmodifiableMap(eventCounts);
    }
}
