package fr.hygie.fhir;

import fr.hygie.identity.PatientId;
import fr.hygie.journal.ChainEntry;
import fr.hygie.journal.ChainSeal;
import fr.hygie.journal.FormerChains;
import fr.hygie.journal.TransferredChain;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * The access journal in the operator's export and import (« réversibilité » of the journal des accès, issue 4):
 * a person who moves keeps « qui a accédé à mon dossier » of the platform they leave.
 *
 * <p>Export: for each person, every entry of their hash chain up to the head the export's checkpoint signed
 * ({@link FormerChains#seal}, taken when the export starts), then their former platforms' chains unchanged, each
 * entry an {@code AuditEvent} mapped as the API shows it ({@link FhirMapper#auditEvent}, id {@code <chain>-<seq>},
 * the person entity pointing to the person of this export) plus the operator-only extension
 * {@value #TRANSFER_EXTENSION}: the chain's name, the entry's sequence number, previous hash and hash, and every
 * hashed field exactly as stored (text; instants to the microsecond; a field that is the empty string is named in
 * {@code empty}, since FHIR has no empty string); the chain's last entry also carries {@code seal}: the signed
 * checkpoint (id, instant, Merkle root, chain count, signature, key id), the public key (PEM) and the Merkle
 * inclusion proof of the head. What the extension holds is enough to verify the chain anywhere.
 *
 * <p>Import: AuditEvents are grouped by chain; a chain is verified completely (every hash recomputed, every link,
 * the inclusion proof and the signature with the key that came with it) and kept read-only as a former
 * platform's chain of the imported person ({@link FormerChains#importChain}); a forged or broken chain is
 * refused with its French reason and nothing of it is stored; an AuditEvent without the extension (another
 * system's audit trail) is refused: nothing could verify it. A person moving back (A → B → A) brings A's own chain
 * among B's former chains: A recognises it (its key or one of its checkpoints), checks that it matches the chain it
 * holds, stores nothing for it and counts it apart in the report ({@value #OWN_CHAIN_BACK}); B's chain is kept as
 * a former chain like any other.
 */
@Component
class JournalTransfer {

    static final String TYPE = AuditEventResourceProvider.TYPE;
    static final String TRANSFER_EXTENSION = "https://hygie.fr/fhir/StructureDefinition/journal-chain-transfer";
    /**
     * The import report's line for this platform's own chains coming back with a person who moves back (A → B → A):
     * recognised, matched with the chain held here, nothing stored ({@link FormerChains.ThisPlatforms}).
     */
    static final String OWN_CHAIN_BACK = "AuditEvent (journal de cette plateforme, revenu)";

    private final FormerChains chains;

    JournalTransfer(FormerChains chains) {
        this.chains = chains;
    }

    /** The export's checkpoint, taken now, or null when the export does not carry AuditEvent. */
    FormerChains.ExportSeal seal(Set<String> types) {
        return types.contains(TYPE) ? chains.seal() : null;
    }

    void export(PatientId person, FormerChains.ExportSeal seal, Set<String> types, FhirExporter.Sink sink) {
        if (seal == null || !types.contains(TYPE)) {
            return;
        }
        for (TransferredChain c : chains.forExport(seal, person.value())) {
            for (ChainEntry e : c.entries()) {
                sink.accept(TYPE, auditEvent(person, c, e));
            }
        }
    }

    static AuditEvent auditEvent(PatientId person, TransferredChain c, ChainEntry e) {
        AuditEvent r = mapped(person, e);
        Extension x = r.addExtension().setUrl(TRANSFER_EXTENSION);
        List<String> empty = new ArrayList<>();
        string(x, "chain", c.chain(), empty);
        string(x, "seq", Long.toString(e.seq()), empty);
        string(x, "id", e.id().toString(), empty);
        string(x, "at", e.at().toString(), empty);
        string(x, "actorAccountId", text(e.actorAccountId()), empty);
        string(x, "actorName", e.actorName(), empty);
        string(x, "actorRole", e.actorRole(), empty);
        string(x, "actingForAccountId", text(e.actingForAccountId()), empty);
        string(x, "actingForName", e.actingForName(), empty);
        string(x, "actingForRole", e.actingForRole(), empty);
        string(x, "patientId", text(e.patientId()), empty);
        string(x, "action", e.action(), empty);
        string(x, "objectType", e.objectType(), empty);
        string(x, "objectId", e.objectId(), empty);
        string(x, "decision", e.decision(), empty);
        string(x, "reasonCode", e.reasonCode(), empty);
        string(x, "channel", e.channel(), empty);
        string(x, "justification", e.justification(), empty);
        string(x, "prevHash", e.prevHash(), empty);
        string(x, "hash", e.hash(), empty);
        empty.forEach(field -> x.addExtension("empty", new StringType(field)));
        if (e.seq() == c.headSeq()) {
            ChainSeal s = c.seal();
            Extension sx = x.addExtension().setUrl("seal");
            List<String> none = new ArrayList<>();
            string(sx, "checkpointId", s.checkpointId().toString(), none);
            string(sx, "at", s.at().toString(), none);
            string(sx, "root", s.root(), none);
            string(sx, "chainCount", Long.toString(s.chainCount()), none);
            string(sx, "signature", s.signature(), none);
            string(sx, "keyId", s.keyId(), none);
            string(sx, "publicKey", s.publicKeyPem(), none);
            s.proof().forEach(step -> sx.addExtension("proof", new StringType(step)));
        }
        return r;
    }

    /**
     * An entry as the API shows it, the person entity pointing to {@code person} here (the hashed patient id, the
     * person's id on the platform that wrote the entry, stays in the transfer extension).
     */
    static AuditEvent mapped(PatientId person, ChainEntry e) {
        return mapped(person, e.toEntry());
    }

    private static AuditEvent mapped(PatientId person, fr.hygie.journal.JournalEntry e) {
        AuditEvent r = FhirMapper.auditEvent(e);
        for (AuditEvent.AuditEventEntityComponent entity : r.getEntity()) {
            if (entity.hasWhat() && entity.getWhat().hasReference() && entity.getWhat().getReference().startsWith("Patient/")) {
                entity.setWhat(new Reference("Patient/" + person.value()));
            }
        }
        return r;
    }

    /**
     * A former platform's entry as the person's export and the API show it: mapped as any entry, the source naming
     * the former platform by its checkpoint key (the chain verified when it was imported and at every
     * {@code ./hygie journal verify}).
     */
    static AuditEvent former(PatientId person, String keyId, ChainEntry e) {
        return former(person, keyId, e.toEntry());
    }

    /** The same, from the entry as the journal shows it (the auditor's search, {@code JournalPage.Hit}). */
    static AuditEvent former(PatientId person, String keyId, fr.hygie.journal.JournalEntry e) {
        AuditEvent r = mapped(person, e);
        r.getSource().setSite("Ancienne plateforme (clé du journal " + keyId + "), chaîne vérifiée");
        return r;
    }

    /** The chain an exported AuditEvent belongs to, from its transfer extension; null without one (or with two). */
    static String chainOf(AuditEvent a) {
        try {
            Extension x = a.getExtensionByUrl(TRANSFER_EXTENSION);
            return x == null ? null : value(x, "chain");
        } catch (RuntimeException ex) {
            return null; // an extension given twice: HAPI refuses to pick one
        }
    }

    /** Imports the AuditEvents of an import, chain by chain; counts each AuditEvent as created, already there, or in its refused chain. */
    void importAll(List<FhirImporter.Entry> entries, PrescriptionTransfer.Resolver resolver, Map<String, Long> created,
            Map<String, Long> known, List<String> rejected) {
        Map<String, List<AuditEvent>> byChain = new LinkedHashMap<>();
        for (FhirImporter.Entry entry : entries) {
            AuditEvent a = (AuditEvent) entry.resource();
            String chain = chainOf(a);
            if (chain == null) {
                rejected.add(FhirImporter.label(a) + " : journal des accès sans l'extension de transfert Hygie (chaîne d'empreintes et point"
                        + " de contrôle signé) : rien ne permettrait de le vérifier");
                continue;
            }
            byChain.computeIfAbsent(chain, k -> new ArrayList<>()).add(a);
        }
        for (Map.Entry<String, List<AuditEvent>> group : byChain.entrySet()) {
            List<AuditEvent> events = group.getValue();
            String label = "AuditEvent (journal des accès, chaîne " + group.getKey() + ", " + events.size() + " entrées)";
            Optional<String> refusal;
            try {
                refusal = importChain(group.getKey(), events, resolver, created, known);
            } catch (RuntimeException ex) {
                refusal = Optional.of(FhirImporter.reason(ex));
            }
            refusal.ifPresent(reason -> rejected.add(label + " : " + reason));
        }
    }

    private Optional<String> importChain(String chain, List<AuditEvent> events, PrescriptionTransfer.Resolver resolver,
            Map<String, Long> created, Map<String, Long> known) {
        PatientId person = null;
        List<ChainEntry> list = new ArrayList<>();
        ChainSeal seal = null;
        for (AuditEvent a : events) {
            Reference who = a.getEntity().stream().map(AuditEvent.AuditEventEntityComponent::getWhat)
                    .filter(w -> w.hasReference() && w.getReference().contains("Patient/")).findFirst().orElse(null);
            Optional<PatientId> p = who == null ? Optional.empty() : resolver.person(who);
            if (p.isEmpty()) {
                return Optional.of("la personne de ce journal (entity Patient) est introuvable dans les données importées");
            }
            if (person != null && !person.equals(p.get())) {
                return Optional.of("les entrées de cette chaîne désignent plusieurs personnes");
            }
            person = p.get();
            Extension x = a.getExtensionByUrl(TRANSFER_EXTENSION);
            try {
                list.add(entry(x));
                Extension sx = x.getExtensionByUrl("seal");
                if (sx != null) {
                    if (seal != null) {
                        return Optional.of("plusieurs points de contrôle pour une même chaîne");
                    }
                    seal = seal(sx);
                }
            } catch (RuntimeException ex) {
                return Optional.of("entrée illisible dans l'extension de transfert (" + ex.getClass().getSimpleName() + ")");
            }
        }
        list.sort(Comparator.comparingLong(ChainEntry::seq));
        FormerChains.ImportOutcome outcome = chains.importChain(person.value(), new TransferredChain(chain, list, seal));
        if (outcome instanceof FormerChains.Refused r) {
            return Optional.of("chaîne refusée, rien n'en est gardé : " + r.reason());
        }
        if (outcome instanceof FormerChains.ThisPlatforms) {
            // A person moving back (A → B → A): this platform's own chain, matched, nothing stored; named apart in the report.
            known.merge(OWN_CHAIN_BACK, (long) events.size(), Long::sum);
            return Optional.empty();
        }
        if (outcome instanceof FormerChains.Extended x) {
            // A longer version of a former chain kept here: its first entries were already there.
            known.merge(TYPE, x.previousHead(), Long::sum);
            created.merge(TYPE, events.size() - x.previousHead(), Long::sum);
            return Optional.empty();
        }
        (outcome instanceof FormerChains.Imported ? created : known).merge(TYPE, (long) events.size(), Long::sum);
        return Optional.empty();
    }

    /** The chains the AuditEvents of an export carry, as an import reads them (no person resolved, nothing verified). */
    static List<TransferredChain> chains(List<AuditEvent> events) {
        Map<String, List<ChainEntry>> entries = new LinkedHashMap<>();
        Map<String, ChainSeal> seals = new LinkedHashMap<>();
        for (AuditEvent a : events) {
            Extension x = a.getExtensionByUrl(TRANSFER_EXTENSION);
            ChainEntry e = entry(x);
            entries.computeIfAbsent(e.chain(), k -> new ArrayList<>()).add(e);
            if (x.getExtensionByUrl("seal") != null) {
                seals.put(e.chain(), seal(x.getExtensionByUrl("seal")));
            }
        }
        List<TransferredChain> out = new ArrayList<>();
        entries.forEach((chain, list) -> out.add(new TransferredChain(chain, list.stream()
                .sorted(Comparator.comparingLong(ChainEntry::seq)).toList(), seals.get(chain))));
        return out;
    }

    private static ChainEntry entry(Extension x) {
        List<String> empty = x.getExtensionsByUrl("empty").stream().map(e -> e.getValue().primitiveValue()).toList();
        Function<String, String> v = name -> empty.contains(name) ? "" : value(x, name);
        return new ChainEntry(uuid(v.apply("id")), v.apply("chain"), Long.parseLong(v.apply("seq")), Instant.parse(v.apply("at")),
                uuid(v.apply("actorAccountId")), v.apply("actorName"), v.apply("actorRole"), uuid(v.apply("actingForAccountId")),
                v.apply("actingForName"), v.apply("actingForRole"), uuid(v.apply("patientId")), v.apply("action"), v.apply("objectType"),
                v.apply("objectId"), v.apply("decision"), v.apply("reasonCode"), v.apply("channel"), v.apply("justification"),
                v.apply("prevHash"), v.apply("hash"));
    }

    private static ChainSeal seal(Extension sx) {
        List<String> proof = sx.getExtensionsByUrl("proof").stream().map(e -> e.getValue().primitiveValue()).toList();
        return new ChainSeal(uuid(value(sx, "checkpointId")), Instant.parse(value(sx, "at")), value(sx, "root"),
                Long.parseLong(value(sx, "chainCount")), value(sx, "signature"), value(sx, "keyId"), value(sx, "publicKey"), proof);
    }

    private static void string(Extension x, String url, String value, List<String> empty) {
        if (value == null) {
            return;
        }
        if (value.isEmpty()) {
            empty.add(url);
            return;
        }
        x.addExtension(url, new StringType(value));
    }

    private static String value(Extension x, String url) {
        Extension e = x.getExtensionByUrl(url);
        return e == null || e.getValue() == null ? null : e.getValue().primitiveValue();
    }

    private static String text(UUID u) {
        return u == null ? null : u.toString();
    }

    private static UUID uuid(String s) {
        return s == null ? null : UUID.fromString(s);
    }
}
