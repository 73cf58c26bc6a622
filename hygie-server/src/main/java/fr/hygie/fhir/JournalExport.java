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
 * saying nothing. After the person's chain here come their former platforms' journals (imported with them,
 * verified: {@link fr.hygie.journal.FormerChains}), the source naming the former platform
 * ({@link JournalTransfer#former}). The operator's export carries the chains with what verifies them
 * ({@link JournalTransfer}); this export, for the person, carries no transfer extension.
 */
@Component
class JournalExport {

    static final String TYPE = AuditEventResourceProvider.TYPE;
    private static final int PAGE = 500;

    private final Journal journal;
    private final AccessControl access;
    private final fr.hygie.journal.FormerChains formerChains;

    JournalExport(Journal journal, AccessControl access, fr.hygie.journal.FormerChains formerChains) {
        this.journal = journal;
        this.access = access;
        this.formerChains = formerChains;
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
                break;
            }
            for (JournalEntry e : page) {
                if (e.seq() <= head) {
                    sink.accept(TYPE, FhirMapper.auditEvent(e));
                    done++;
                }
            }
        }
        for (fr.hygie.journal.FormerChain f : formerChains.of(chain)) {
            List<fr.hygie.journal.ChainEntry> entries = f.chain().entries();
            for (int i = entries.size() - 1; i >= 0; i--) {
                sink.accept(TYPE, JournalTransfer.former(patient, f.keyId(), entries.get(i)));
            }
        }
    }
}
