package fr.hygie.demo;

import fr.hygie.access.CareTeam;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalActor;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalDecision;
import fr.hygie.journal.JournalEntryDraft;
import fr.hygie.record.ContentType;
import fr.hygie.record.Documents;
import fr.hygie.record.MedicalProfile;
import fr.hygie.record.NewDocument;
import fr.hygie.record.NewProfileItem;
import fr.hygie.record.ProfileSectionKind;
import fr.hygie.synth.SynthCondition;
import fr.hygie.synth.SynthDocument;
import fr.hygie.synth.SynthEvent;
import fr.hygie.synth.SynthLabResult;
import fr.hygie.synth.SynthMeasurement;
import fr.hygie.synth.SynthMedication;
import fr.hygie.synth.SynthPersonHistory;
import fr.hygie.synth.SynthVaccination;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Loads the care histories of a generated population into the record (profile lines, the most recent
 * documents) and the médecins traitants into the access module, through their import APIs; one IMPORT
 * entry per person is journaled.
 */
@Component
class SyntheticCareLoader {

    /** The last documents of each person are loaded (each one is encrypted and written to the store). */
    static final int DOCUMENTS_PER_PERSON = 3;

    private final MedicalProfile profile;
    private final Documents documents;
    private final CareTeam careTeam;
    private final Journal journal;

    SyntheticCareLoader(MedicalProfile profile, Documents documents, CareTeam careTeam, Journal journal) {
        this.profile = profile;
        this.documents = documents;
        this.careTeam = careTeam;
        this.journal = journal;
    }

    /** Loads one batch of persons; returns the number of profile lines and documents created. */
    long load(List<SynthPersonHistory> histories, Map<String, PatientId> patientsByNir, Map<String, ProfessionalId> prosByRpps,
            Map<String, String> proNames) {
        List<MedicalProfile.ImportedItem> items = new ArrayList<>();
        Map<PatientId, ProfessionalId> treating = new HashMap<>();
        List<JournalEntryDraft> journalEntries = new ArrayList<>();
        long created = 0;
        for (SynthPersonHistory h : histories) {
            PatientId patient = patientsByNir.get(h.person().nir());
            if (patient == null) {
                continue;
            }
            if (h.person().medecinTraitantRpps() != null && prosByRpps.containsKey(h.person().medecinTraitantRpps())) {
                treating.put(patient, prosByRpps.get(h.person().medecinTraitantRpps()));
            }
            List<SynthDocument> docs = new ArrayList<>();
            for (SynthEvent e : h.events()) {
                String ext = "urn:hygie:synth:" + e.personIndex() + "-" + e.sequence();
                NewProfileItem item = item(e);
                if (item != null) {
                    items.add(new MedicalProfile.ImportedItem(patient, item, "Import (données de démonstration)", ext));
                } else if (e instanceof SynthDocument d) {
                    docs.add(d);
                }
            }
            for (SynthDocument d : docs.subList(Math.max(0, docs.size() - DOCUMENTS_PER_PERSON), docs.size())) {
                ProfessionalId author = prosByRpps.get(d.authorRpps());
                String name = proNames.getOrDefault(d.authorRpps(), "Professionnel de santé");
                if (documents.importDocument(new NewDocument(patient, d.loincType(), d.title(), d.date(), Set.of(), ContentType.TEXT,
                        d.body().getBytes(StandardCharsets.UTF_8)), author, name, "urn:hygie:synth:" + d.personIndex() + "-" + d.sequence())) {
                    created++;
                }
            }
            journalEntries.add(new JournalEntryDraft(JournalActor.system("Import de données de démonstration"), null,
                    patient.value(), JournalAction.IMPORT, "Record", null, JournalDecision.PERMIT, "PLATFORM_IMPORT",
                    JournalChannel.SYSTEM, null));
        }
        created += profile.importItems(items);
        careTeam.importTreatingPhysicians(treating, fr.hygie.synth.SyntheticPopulation.REFERENCE_DATE.minusYears(2));
        journal.appendAll(journalEntries);
        return created;
    }

    static NewProfileItem item(SynthEvent e) {
        if (e instanceof SynthCondition c) {
            return new NewProfileItem(ProfileSectionKind.HISTORY, "CIM-10", c.icd10(), c.label(), null, null, c.onsetDate(), null);
        }
        if (e instanceof SynthMedication m) {
            return new NewProfileItem(ProfileSectionKind.TREATMENTS, "ATC", m.atc(),
                    m.dosage() == null ? m.label() : m.label() + " — " + m.dosage(), null, null, m.startDate(), null);
        }
        if (e instanceof SynthVaccination v) {
            return new NewProfileItem(ProfileSectionKind.VACCINATIONS, "ATC", v.vaccineCode(), v.label(), null, null, v.date(), null);
        }
        if (e instanceof SynthMeasurement m) {
            return measurement(m.loinc(), m.label(), m.value(), m.unit(), m.date());
        }
        if (e instanceof SynthLabResult l) {
            return measurement(l.loinc(), l.label(), l.value(), l.unit(), l.date());
        }
        return null;
    }

    private static NewProfileItem measurement(String loinc, String label, double value, String unit, java.time.LocalDate date) {
        return new NewProfileItem(ProfileSectionKind.MEASUREMENTS, "LOINC", loinc, label,
                BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP), unit, date, null);
    }
}
