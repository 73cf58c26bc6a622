package fr.hygie.fhir;

import fr.hygie.access.AccessControl;
import fr.hygie.access.Actor;
import fr.hygie.identity.PatientId;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalEntry;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The person's access journal (« qui a accédé à mes données ») in their own portability export
 * ({@code Patient/$export}, GDPR art. 15 and 20): every entry of their chain, as {@code AuditEvent} mapped
 * exactly as the API shows it ({@link FhirMapper#auditEvent}), newest first.
 *
 * <p>Who gets it follows the web page « Qui a consulté mes données » ({@code /journal}): the same decision,
 * {@code AccessControl.checkPatientAction(READ, "AuditEvent")}, journaled on the person's chain (channel FHIR)
 * before any entry leaves. So the person always gets it, and a representative gets it when their mandate
 * lets them see the person's documents (VIEW_DOCUMENTS), as on the web; a refusal leaves the type out,
 * saying nothing. The operator's export never holds the journal (it stays with the platform whose hash
 * chain it is, {@code ./hygie journal verify}), and an import never takes AuditEvent.
 */
@Component
class JournalExport {

    static final String TYPE = AuditEventResourceProvider.TYPE;
    private static final int PAGE = 500;

    private final Journal journal;
    private final AccessControl access;

    JournalExport(Journal journal, AccessControl access) {
        this.journal = journal;
        this.access = access;
    }

    void exportPerson(Actor actor, PatientId patient, Set<String> types, FhirExporter.Sink sink) {
        if (!types.contains(TYPE) || access.checkPatientAction(actor, patient, JournalAction.READ, TYPE, JournalChannel.FHIR).denied()) {
            return;
        }
        UUID chain = patient.value();
        // The chain as it stands now (this export's own decision included); entries the export appends while it
        // runs (its reads of the other types) are left for the next export: offsets are shifted by them.
        long head = journal.countForPatient(chain);
        long done = 0;
        while (done < head) {
            long grown = journal.countForPatient(chain) - head;
            List<JournalEntry> page = journal.forPatient(chain, (int) (grown + done), PAGE);
            if (page.isEmpty()) {
                return;
            }
            for (JournalEntry e : page) {
                if (e.seq() <= head) {
                    sink.accept(TYPE, FhirMapper.auditEvent(e));
                    done++;
                }
            }
        }
    }
}
