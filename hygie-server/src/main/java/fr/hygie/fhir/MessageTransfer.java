package fr.hygie.fhir;

import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Structure;
import fr.hygie.identity.Structures;
import fr.hygie.messaging.CareParty;
import fr.hygie.messaging.ConversationId;
import fr.hygie.messaging.Conversations;
import fr.hygie.messaging.ExportedMessage;
import fr.hygie.messaging.ImportedMessage;
import fr.hygie.messaging.MessageId;
import fr.hygie.messaging.MessageView;
import fr.hygie.messaging.Side;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.springframework.stereotype.Component;

/**
 * Secure messages (« messagerie sécurisée ») in the operator's export and import (« réversibilité »): the
 * API's {@code Communication}, with each attachment's content inline ({@code payload.contentAttachment.data},
 * so that an export stands alone) and, in the operator's copy only, one extension with the conversation's id,
 * which side wrote and who wrote for whom as shown forever. Message and conversation ids are kept, so that
 * importing twice creates nothing twice. From another system (no extension): the conversation follows
 * {@code inResponseTo}, the side is the sender's (Patient or not), the author the sender's display.
 * The extension also carries, per attachment ({@code attachment}, by its position among the attachments), the
 * record document it came from ({@code source}) or was filed as ({@code filed}, {@code filedAt}) by the identifier
 * of that document's DocumentReference in the same export, relinked on import to the document imported under it,
 * and its LOINC type; and the conversation's read marks ({@code readMark}: login, read up to), restored for the
 * logins that have an account on the new platform (accounts never travel: the operator opens them, same logins,
 * and may import again: marks of accounts opened since are added, nothing else changes).
 */
@Component
class MessageTransfer {

    static final String TRANSFER_EXTENSION = "https://hygie.fr/fhir/StructureDefinition/communication-transfer";
    static final String TYPE = CommunicationResourceProvider.TYPE;

    private final Conversations conversations;
    private final CommunicationResourceProvider provider;
    private final Structures structures;
    private final fr.hygie.record.Documents documents;

    MessageTransfer(Conversations conversations, CommunicationResourceProvider provider, Structures structures,
            fr.hygie.record.Documents documents) {
        this.documents = documents;
        this.conversations = conversations;
        this.provider = provider;
        this.structures = structures;
    }

    void export(PatientId patient, Set<String> types, FhirExporter.Sink sink) {
        if (!types.contains(TYPE)) {
            return;
        }
        for (ExportedMessage e : conversations.forExport(patient)) {
            MessageView m = e.message();
            Communication c = provider.map(m);
            List<Attachment> attachments = c.getPayload().stream().filter(Communication.CommunicationPayloadComponent::hasContentAttachment)
                    .map(p -> p.getContentAttachment()).toList();
            for (int i = 0; i < attachments.size() && i < e.attachmentContents().size(); i++) {
                attachments.get(i).setData(e.attachmentContents().get(i));
            }
            Extension x = new Extension(TRANSFER_EXTENSION);
            x.addExtension("conversation", new StringType(m.conversation().value().toString()));
            x.addExtension("authorSide", new CodeType(m.authorSide().name()));
            x.addExtension("authorName", new StringType(m.authorName()));
            x.addExtension("onBehalfOf", new StringType(m.onBehalfOf()));
            for (int i = 0; i < m.attachments().size(); i++) {
                fr.hygie.messaging.AttachmentView a = m.attachments().get(i);
                if (a.sourceDocument() == null && a.filedDocument() == null && a.typeCode() == null) {
                    continue;
                }
                // The record documents by the identifiers their DocumentReferences carry in the same export.
                Extension ax = x.addExtension().setUrl("attachment");
                ax.addExtension("position", new IntegerType(i));
                if (a.typeCode() != null) {
                    ax.addExtension("typeCode", new CodeType(a.typeCode()));
                }
                if (a.sourceDocument() != null) {
                    ax.addExtension("source", documentIdentifier(a.sourceDocument()));
                }
                if (a.filedDocument() != null) {
                    ax.addExtension("filed", documentIdentifier(a.filedDocument()));
                    java.time.Instant filedAt = i < e.attachmentsFiledAt().size() ? e.attachmentsFiledAt().get(i) : null;
                    if (filedAt != null) {
                        ax.addExtension("filedAt", instant(filedAt));
                    }
                }
            }
            for (ExportedMessage.ReadMark mark : e.readMarks()) {
                Extension rx = x.addExtension().setUrl("readMark");
                rx.addExtension("login", new StringType(mark.login()));
                rx.addExtension("readUpTo", instant(mark.readUpTo()));
            }
            c.addExtension(x);
            sink.accept(TYPE, c);
        }
    }

    private Identifier documentIdentifier(fr.hygie.record.DocumentId d) {
        return ClinicalMapper.identifier(d.value(), documents.externalId(d).orElse(null));
    }

    private static org.hl7.fhir.r4.model.DateTimeType instant(java.time.Instant i) {
        return new org.hl7.fhir.r4.model.DateTimeType(java.util.Date.from(i), ca.uhn.fhir.model.api.TemporalPrecisionEnum.MILLI,
                java.util.TimeZone.getTimeZone("UTC"));
    }

    /**
     * The record document imported for this person under the identifier the export gave it; null when the data
     * hold no such document (erased or superseded before the move): the attachment comes without the link.
     */
    private fr.hygie.record.DocumentId document(Extension ax, String url, PatientId patient) {
        Extension e = ax.getExtensionByUrl(url);
        if (e == null || !(e.getValue() instanceof Identifier id)) {
            return null;
        }
        return documents.importedAs(patient, ClinicalMapper.externalId(List.of(id), null, null)).orElse(null);
    }

    /**
     * A person's own messages for their portability export (GDPR art. 20): the conversations the messaging
     * module lets {@code actor} read (decided and journaled), each attachment's content read the same way and
     * inline. The operator's transfer extension is left out (the API's mapping already says who wrote for whom).
     */
    void exportPerson(fr.hygie.access.Actor actor, PatientId patient, Set<String> types, FhirExporter.Sink sink) {
        if (!types.contains(TYPE)) {
            return;
        }
        for (MessageView m : conversations.messages(actor, patient, fr.hygie.journal.JournalChannel.FHIR)) {
            Communication c = provider.map(m);
            List<Attachment> attachments = c.getPayload().stream().filter(Communication.CommunicationPayloadComponent::hasContentAttachment)
                    .map(p -> p.getContentAttachment()).toList();
            for (int i = 0; i < attachments.size() && i < m.attachments().size(); i++) {
                Attachment target = attachments.get(i);
                conversations.attachment(actor, m.attachments().get(i).id(), fr.hygie.journal.JournalChannel.FHIR)
                        .ifPresent(a -> target.setData(a.bytes()));
            }
            sink.accept(TYPE, c);
        }
    }

    /** Imports every Communication of the data, oldest first (a reply finds the conversation of the message it answers). */
    void importAll(List<FhirImporter.Entry> entries, PrescriptionTransfer.Resolver resolver, Map<String, Long> created,
            Map<String, Long> known, List<String> rejected) {
        List<FhirImporter.Entry> all = new ArrayList<>(entries.stream().filter(e -> e.resource() instanceof Communication).toList());
        all.sort(Comparator.comparing((FhirImporter.Entry e) -> ((Communication) e.resource()).hasSent()
                ? ((Communication) e.resource()).getSent().getTime() : Long.MAX_VALUE));
        Map<String, UUID> conversationOf = new HashMap<>();
        for (FhirImporter.Entry e : all) {
            Communication c = (Communication) e.resource();
            try {
                Optional<String> refusal = importOne(c, e.fullUrl(), resolver, conversationOf, created, known);
                refusal.ifPresent(r -> rejected.add(FhirImporter.label(c) + " : " + r));
            } catch (RuntimeException ex) {
                rejected.add(FhirImporter.label(c) + " : " + FhirImporter.reason(ex));
            }
        }
    }

    private Optional<String> importOne(Communication c, String fullUrl, PrescriptionTransfer.Resolver resolver, Map<String, UUID> conversationOf,
            Map<String, Long> created, Map<String, Long> known) {
        if (!c.hasSubject()) {
            return Optional.of("message sans personne (subject)");
        }
        Optional<PatientId> patient = resolver.person(c.getSubject());
        if (patient.isEmpty()) {
            return Optional.of("la personne référencée (" + c.getSubject().getReference() + ") est introuvable");
        }
        if (!c.hasSent()) {
            return Optional.of("message sans date d'envoi (sent)");
        }
        Extension x = c.getExtensionByUrl(TRANSFER_EXTENSION);
        Reference sender = c.getSender();
        String subjectRef = c.getSubject().getReference();
        boolean senderIsPerson = isPerson(sender) || subjectRef != null && subjectRef.equals(sender.getReference());
        Side side = sub(x, "authorSide").map(s -> "PATIENT".equals(s) ? Side.PATIENT : Side.CARE)
                .orElse(senderIsPerson ? Side.PATIENT : Side.CARE);
        Reference careRef = side == Side.PATIENT ? c.getRecipient().stream()
                .filter(r -> !isPerson(r) && (subjectRef == null || !subjectRef.equals(r.getReference()))).findFirst().orElse(null) : sender;
        if (side == Side.CARE && senderIsPerson) {
            careRef = null;
        }
        Optional<CareParty> party = Optional.empty();
        ProfessionalId author = null;
        if (careRef != null && isOrganization(careRef)) {
            party = resolver.finess(careRef).flatMap(structures::byFiness).map(Structure::id).map(CareParty::of);
        } else if (careRef != null) {
            Optional<ProfessionalId> pro = resolver.professional(careRef);
            party = pro.map(CareParty::of);
            author = side == Side.CARE ? pro.orElse(null) : null;
        }
        if (side == Side.CARE && party.isPresent() && party.get().isStructure()) {
            author = null;
        }
        if (party.isEmpty()) {
            return Optional.of("le professionnel ou la structure du message (sender, recipient) est introuvable dans l'annuaire");
        }
        String key = "Communication/" + c.getIdElement().getIdPart();
        MessageId id = new MessageId(DirectoryResourceProviders.uuid(c.getIdElement().getIdPart()).orElseGet(() -> derived(c)));
        UUID conversation = sub(x, "conversation").flatMap(DirectoryResourceProviders::uuid).orElse(null);
        if (conversation == null && c.hasInResponseTo()) {
            String previous = c.getInResponseToFirstRep().getReference();
            conversation = previous == null ? null : conversationOf.get(previous.contains("Communication/")
                    ? previous.substring(previous.lastIndexOf("Communication/")) : previous);
        }
        if (conversation == null) {
            conversation = UUID.nameUUIDFromBytes(("hygie-conversation|" + id.value()).getBytes(StandardCharsets.UTF_8));
        }
        conversationOf.put(key, conversation);
        if (fullUrl != null) {
            conversationOf.put(fullUrl, conversation);
        }
        StringBuilder body = new StringBuilder();
        List<ImportedMessage.Attachment> attachments = new ArrayList<>();
        Map<Integer, Extension> links = new HashMap<>();
        if (x != null) {
            for (Extension ax : x.getExtensionsByUrl("attachment")) {
                Extension pos = ax.getExtensionByUrl("position");
                if (pos != null && pos.getValue() instanceof IntegerType n) {
                    links.put(n.getValue(), ax);
                }
            }
        }
        for (Communication.CommunicationPayloadComponent p : c.getPayload()) {
            if (p.hasContentStringType()) {
                body.append(body.length() == 0 ? "" : "\n\n").append(p.getContentStringType().getValue());
            } else if (p.hasContentAttachment()) {
                Attachment a = p.getContentAttachment();
                if (!a.hasData()) {
                    return Optional.of("pièce jointe sans contenu (attachment.data) : un message s'importe avec ses pièces jointes");
                }
                Extension ax = links.get(attachments.size());
                if (ax == null) {
                    attachments.add(new ImportedMessage.Attachment(a.getTitle(), a.getData()));
                } else {
                    Extension filedAt = ax.getExtensionByUrl("filedAt");
                    attachments.add(new ImportedMessage.Attachment(a.getTitle(), a.getData(), document(ax, "source", patient.get()),
                            document(ax, "filed", patient.get()), filedAt == null || !(filedAt.getValue() instanceof org.hl7.fhir.r4.model.DateTimeType t)
                                    ? null : t.getValue().toInstant(), sub(ax, "typeCode").orElse(null)));
                }
            }
        }
        String authorName = sub(x, "authorName").orElse(sender.hasDisplay() ? sender.getDisplay() : null);
        String onBehalfOf = sub(x, "onBehalfOf").orElse(authorName);
        boolean added = conversations.importMessage(new ImportedMessage(id, new ConversationId(conversation), patient.get(), party.get(),
                c.getTopic().getText(), side, author, authorName, onBehalfOf, body.toString(), c.getSent().toInstant(), attachments,
                readMarks(x)));
        (added ? created : known).merge(TYPE, 1L, Long::sum);
        return Optional.empty();
    }

    private static List<ExportedMessage.ReadMark> readMarks(Extension x) {
        List<ExportedMessage.ReadMark> out = new ArrayList<>();
        if (x != null) {
            for (Extension rx : x.getExtensionsByUrl("readMark")) {
                Extension at = rx.getExtensionByUrl("readUpTo");
                Optional<String> login = sub(rx, "login");
                if (login.isPresent() && at != null && at.getValue() instanceof org.hl7.fhir.r4.model.DateTimeType t) {
                    out.add(new ExportedMessage.ReadMark(login.get(), t.getValue().toInstant()));
                }
            }
        }
        return out;
    }

    private static boolean isPerson(Reference r) {
        String ref = r.getReference() == null ? "" : r.getReference();
        return ref.contains("Patient/") || "Patient".equals(r.getType())
                || r.hasIdentifier() && (fr.hygie.identity.InsMatricule.INS_NIR_SYSTEM.equals(r.getIdentifier().getSystem())
                        || fr.hygie.identity.InsMatricule.INS_NIA_SYSTEM.equals(r.getIdentifier().getSystem()));
    }

    private static boolean isOrganization(Reference r) {
        String ref = r.getReference() == null ? "" : r.getReference();
        return ref.contains("Organization/") || "Organization".equals(r.getType())
                || r.hasIdentifier() && FhirMapper.FINESS_SYSTEM.equals(r.getIdentifier().getSystem());
    }

    private static UUID derived(Communication c) {
        Identifier own = c.getIdentifier().stream().filter(Identifier::hasValue).findFirst().orElse(null);
        String key = own != null ? own.getSystem() + "|" + own.getValue() : "Communication/" + c.getIdElement().getIdPart();
        return UUID.nameUUIDFromBytes(("hygie-communication|" + key).getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> sub(Extension x, String url) {
        Extension e = x == null ? null : x.getExtensionByUrl(url);
        Type v = e == null ? null : e.getValue();
        return v == null || v.primitiveValue() == null ? Optional.empty() : Optional.of(v.primitiveValue());
    }
}
