package fr.hygie.fhir;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import fr.hygie.fhir.SmartScopes.Interaction;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Role;
import fr.hygie.journal.AuditQuery;
import fr.hygie.journal.FormerChains;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAudit;
import fr.hygie.journal.JournalPage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/**
 * {@code AuditEvent}, read-only: the access journal (« journal des accès »). A person reads the entries
 * of their own chain (DOMAIN: the patient reads their own journal); an auditor (role AUDITOR) searches
 * all of it through {@link JournalAudit}. Anyone else finds nothing: the same empty answer or 404.
 * An entry's id is its chain and sequence number ({@code <patient id>-<seq>}).
 *
 * <p>As on the web page « Qui a consulté mes données », a representative reads the journal of a person they
 * hold a mandate for when that mandate lets them see the person's documents (VIEW_DOCUMENTS): decided and
 * journaled by {@code AccessControl.checkPatientAction(READ, "AuditEvent")}, channel FHIR, like the page and the
 * person's export; a representative's search names the person ({@code patient}).
 *
 * <p>A person who moved here also has their former platforms' journals ({@link FormerChains}, verified when
 * imported): the same parties read them (the person, their representative as above, an auditor by id), with the
 * id they had on the former platform ({@code <former chain>-<seq>}); a search gives the entries here, newest
 * first, then the former ones. The auditor's search covers both, in one order with an exact total
 * ({@link JournalAudit#search}), each former entry's {@code source.site} naming its former platform.
 */
@Component
public class AuditEventResourceProvider implements IResourceProvider {

    static final String TYPE = "AuditEvent";

    private final Journal journal;
    private final JournalAudit audit;
    private final FormerChains formerChains;
    private final fr.hygie.identity.Mandates mandates;
    private final fr.hygie.access.AccessControl access;

    AuditEventResourceProvider(Journal journal, JournalAudit audit, FormerChains formerChains, fr.hygie.identity.Mandates mandates,
            fr.hygie.access.AccessControl access) {
        this.journal = journal;
        this.audit = audit;
        this.formerChains = formerChains;
        this.mandates = mandates;
        this.access = access;
    }

    @Override
    public Class<AuditEvent> getResourceType() {
        return AuditEvent.class;
    }

    @Read
    public AuditEvent read(@IdParam IdType id) {
        FhirCaller caller = FhirCaller.current();
        caller.require(TYPE, Interaction.READ);
        String raw = id.getIdPart();
        int dash = raw == null ? -1 : raw.lastIndexOf('-');
        if (dash <= 0) {
            throw notFound(raw);
        }
        String chain = raw.substring(0, dash);
        long seq;
        UUID patient;
        try {
            seq = Long.parseLong(raw.substring(dash + 1));
            patient = Journal.PLATFORM_CHAIN.equals(chain) ? null : UUID.fromString(chain);
        } catch (IllegalArgumentException e) {
            throw notFound(raw);
        }
        if (mayReadChain(caller, patient) || represents(caller, patient, Interaction.READ)) {
            long head = journal.countForPatient(patient);
            if (seq >= 1 && seq <= head) {
                Optional<AuditEvent> own = journal.forPatient(patient, (int) (head - seq), 1).stream().filter(e -> e.seq() == seq)
                        .findFirst().map(FhirMapper::auditEvent);
                if (own.isPresent()) {
                    return own.get();
                }
            }
        }
        // A former platform's entry: read by the parties of the person it belongs to here.
        if (patient != null && seq >= 1) {
            Optional<FormerChains.FormerEntry> former = formerChains.entry(chain, seq);
            if (former.isPresent() && (mayReadChain(caller, former.get().patientId())
                    || represents(caller, former.get().patientId(), Interaction.READ))) {
                return JournalTransfer.former(new PatientId(former.get().patientId()), former.get().keyId(), former.get().entry());
            }
        }
        throw notFound(raw);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = AuditEvent.SP_PATIENT) ReferenceParam patientParam,
            @OptionalParam(name = AuditEvent.SP_DATE) DateRangeParam date, @Offset Integer offset, @Count Integer count) {
        FhirCaller caller = FhirCaller.current();
        caller.require(TYPE, Interaction.SEARCH);
        HygieUser user = caller.user();
        int from = Pages.offset(offset);
        int size = Pages.size(count);
        Optional<UUID> patient = patientParam == null ? Optional.empty() : DirectoryResourceProviders.uuid(patientParam.getIdPart());
        if (patientParam != null && patient.isEmpty()) {
            return Pages.of(List.of(), 0, from, size);
        }
        Instant start = date == null || date.getLowerBoundAsInstant() == null ? null : date.getLowerBoundAsInstant().toInstant();
        Instant end = date == null || date.getUpperBoundAsInstant() == null ? null
                : date.getUpperBoundAsInstant().toInstant().plusMillis(1);
        if (user.role() == Role.AUDITOR && caller.scopes().allowsBeyondPatientContext(TYPE, Interaction.SEARCH)) {
            AuditQuery q = AuditQuery.any().between(start, end);
            if (patient.isPresent()) {
                q = q.aboutPatient(patient.get());
            }
            // This platform's journal and the former platforms' ones (source.site naming the former platform), one
            // order, exact total (JournalAudit.search).
            JournalPage page = audit.search(q, from, size);
            return Pages.of(page.hits().stream().map(h -> h.former() ? JournalTransfer.former(new PatientId(h.personHere()),
                    h.formerKeyId(), h.entry()) : FhirMapper.auditEvent(h.entry())).toList(), page.total(), from, size);
        }
        // A person: their own chain, or the person they represent as on the web page; another person's id finds
        // nothing, like an unknown one.
        Optional<PatientId> mine = user.role() == Role.PATIENT ? user.patientId() : Optional.empty();
        Optional<PatientId> own;
        if (mine.isPresent() && (patient.isEmpty() || patient.get().equals(mine.get().value()))
                && caller.mayReach(TYPE, Interaction.SEARCH, mine.get())) {
            own = mine;
        } else if (patient.isPresent() && represents(caller, patient.get(), Interaction.SEARCH)) {
            own = Optional.of(new PatientId(patient.get()));
        } else {
            return Pages.of(List.of(), 0, from, size);
        }
        UUID chain = own.get().value();
        if (start == null && end == null) {
            // This platform's entries, then the former platforms' ones: one list, paged across both.
            long here = journal.countForPatient(chain);
            long total = here + formerChains.countEntries(chain);
            List<AuditEvent> page = new java.util.ArrayList<>();
            if (from < here) {
                journal.forPatient(chain, from, size).forEach(e -> page.add(FhirMapper.auditEvent(e)));
            }
            if (page.size() < size && from + page.size() < total) {
                int formerFrom = (int) Math.max(0, from - here);
                formerChains.entries(chain, formerFrom, size - page.size())
                        .forEach(f -> page.add(JournalTransfer.former(own.get(), f.keyId(), f.entry())));
            }
            return Pages.of(page, total, from, size);
        }
        List<AuditEvent> all = new java.util.ArrayList<>();
        journal.forPatient(chain, 0, Integer.MAX_VALUE).stream()
                .filter(e -> (start == null || !e.at().isBefore(start)) && (end == null || e.at().isBefore(end)))
                .forEach(e -> all.add(FhirMapper.auditEvent(e)));
        formerChains.entries(chain, 0, Integer.MAX_VALUE).stream()
                .filter(f -> (start == null || !f.entry().at().isBefore(start)) && (end == null || f.entry().at().isBefore(end)))
                .forEach(f -> all.add(JournalTransfer.former(own.get(), f.keyId(), f.entry())));
        return Pages.of(all, offset, count, a -> a);
    }

    private static boolean mayReadChain(FhirCaller caller, UUID patient) {
        HygieUser user = caller.user();
        if (user.role() == Role.AUDITOR) {
            return caller.scopes().allowsBeyondPatientContext(TYPE, Interaction.READ);
        }
        return patient != null && user.role() == Role.PATIENT && user.patientId().map(p -> p.value().equals(patient)).orElse(false)
                && caller.mayReach(TYPE, Interaction.READ, new PatientId(patient));
    }

    /**
     * A representative (or a parent, who is a person too) reading the journal of someone they hold a mandate for:
     * the web page's decision, journaled ({@code READ AuditEvent}, channel FHIR, « X agissant pour Y »). No
     * mandate, or an id that is no one's: false without journaling anything.
     */
    private boolean represents(FhirCaller caller, UUID patient, Interaction interaction) {
        HygieUser user = caller.user();
        if (patient == null || user.role() != Role.REPRESENTATIVE && user.role() != Role.PATIENT) {
            return false;
        }
        PatientId person = new PatientId(patient);
        if (person.equals(user.patientId().orElse(null)) || !caller.mayReach(TYPE, interaction, person)
                || mandates.activeFor(user.accountId()).stream().noneMatch(m -> m.patient().equals(person))) {
            return false;
        }
        return access.checkPatientAction(fr.hygie.access.Actor.actingFor(user, person), person, fr.hygie.journal.JournalAction.READ,
                TYPE, fr.hygie.journal.JournalChannel.FHIR).permitted();
    }

    private static ResourceNotFoundException notFound(String id) {
        return new ResourceNotFoundException(new IdType(TYPE, id));
    }
}
