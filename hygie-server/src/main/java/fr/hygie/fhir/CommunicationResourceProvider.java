package fr.hygie.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import fr.hygie.access.Actor;
import fr.hygie.fhir.SmartScopes.Interaction;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Role;
import fr.hygie.identity.StructureId;
import fr.hygie.journal.JournalChannel;
import fr.hygie.messaging.AttachmentView;
import fr.hygie.messaging.CareParty;
import fr.hygie.messaging.Conversations;
import fr.hygie.messaging.MessageId;
import fr.hygie.messaging.MessageView;
import fr.hygie.messaging.NewAttachment;
import fr.hygie.messaging.PostOutcome;
import fr.hygie.messaging.Side;
import fr.hygie.record.DocumentId;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * {@code Communication}: one message of the secure messaging (messagerie sécurisée). Read and search
 * for the parties (the person, their representatives with READ_MESSAGES, the professional or the members
 * of the structure whose mailbox it is), create for allowed senders under the same rules as the web
 * ({@link fr.hygie.messaging.MessagingPolicy}). Everything goes through {@link Conversations}, which
 * decides and journals; an unreadable message and an absent one give the same 404, and totals count
 * only what the reader may read.
 *
 * <p>Mapping: {@code subject} the person; {@code sender} the Practitioner who wrote (care side) or the
 * Patient (person side, display "X pour Y" when a representative wrote); {@code recipient} the other
 * party (Practitioner or Organization for a structure's mailbox, or the Patient); {@code topic.text} the
 * conversation's subject; {@code inResponseTo} the previous message of the conversation; attachments as
 * {@code payload.contentAttachment} (title, type, size; their content stays on the web).
 * A create with {@code inResponseTo} replies in that conversation; without it, it starts one.
 */
@Component
public class CommunicationResourceProvider implements IResourceProvider {

    static final String TYPE = "Communication";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final Conversations conversations;
    private final FhirValidation validation;
    private final FhirContext fhir;

    CommunicationResourceProvider(Conversations conversations, FhirValidation validation, FhirContext fhir) {
        this.conversations = conversations;
        this.validation = validation;
        this.fhir = fhir;
    }

    @Override
    public Class<Communication> getResourceType() {
        return Communication.class;
    }

    @Read
    public Communication read(@IdParam IdType id) {
        FhirCaller caller = FhirCaller.current();
        caller.require(TYPE, Interaction.READ);
        MessageId messageId = MessageId.parse(id.getIdPart()).orElseThrow(() -> DocumentReferenceResourceProvider.notFound(TYPE, id));
        PatientId patient = conversations.patientOf(messageId).orElseThrow(() -> DocumentReferenceResourceProvider.notFound(TYPE, id));
        if (!caller.mayReach(TYPE, Interaction.READ, patient)) {
            throw DocumentReferenceResourceProvider.notFound(TYPE, id);
        }
        return conversations.message(actor(caller.user(), patient), messageId, JournalChannel.FHIR).map(this::map)
                .orElseThrow(() -> DocumentReferenceResourceProvider.notFound(TYPE, id));
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = Communication.SP_PATIENT) ReferenceParam patient,
            @OptionalParam(name = Communication.SP_SUBJECT) ReferenceParam subject,
            @OptionalParam(name = Communication.SP_SENDER) ReferenceParam sender,
            @OptionalParam(name = Communication.SP_RECIPIENT) ReferenceParam recipient,
            @OptionalParam(name = Communication.SP_SENT) DateRangeParam sent,
            @Offset Integer offset, @Count Integer count) {
        FhirCaller caller = FhirCaller.current();
        caller.require(TYPE, Interaction.SEARCH);
        HygieUser user = caller.user();
        List<MessageView> visible = new ArrayList<>();
        Optional<PatientId> named = named(patient, subject);
        if (named.isEmpty() && (patient != null || subject != null)) {
            return Pages.of(List.of(), offset, count, m -> null);
        }
        if (user.role() == Role.PROFESSIONAL) {
            if (named.isPresent() && !caller.mayReach(TYPE, Interaction.SEARCH, named.get())) {
                return Pages.of(List.of(), offset, count, m -> null);
            }
            visible.addAll(conversations.messages(Actor.of(user), named.orElse(null), JournalChannel.FHIR).stream()
                    .filter(m -> caller.mayReach(TYPE, Interaction.SEARCH, m.patient())).toList());
        } else {
            List<PatientId> targets = new ArrayList<>();
            if (named.isPresent()) {
                targets.add(named.get());
            } else {
                user.patientId().ifPresent(targets::add);
            }
            for (PatientId p : targets) {
                if (caller.mayReach(TYPE, Interaction.SEARCH, p)) {
                    visible.addAll(conversations.messages(actor(user, p), p, JournalChannel.FHIR));
                }
            }
        }
        List<MessageView> matching = visible.stream()
                .filter(m -> matches(senderRef(m), sender) && matches(recipientRef(m), recipient))
                .filter(m -> RecordScope.matches(LocalDate.ofInstant(m.sentAt(), PARIS), sent))
                .sorted(java.util.Comparator.comparing(MessageView::sentAt).reversed().thenComparing(m -> m.id().value()))
                .toList();
        return Pages.of(matching, offset, count, this::map);
    }

    /**
     * A professional writes to a person (recipient Patient), or the person (or their representative)
     * writes to a Practitioner or an Organization's mailbox, or anyone replies ({@code inResponseTo}).
     * Validated by the HAPI validator first, then by the messaging rules; a refusal is a 403 whose
     * text says why in French.
     */
    @Create
    public MethodOutcome create(@ResourceParam Communication resource) {
        FhirCaller caller = FhirCaller.current();
        caller.require(TYPE, Interaction.CREATE);
        DocumentReferenceResourceProvider.requireValid(validation, fhir, resource);
        HygieUser user = caller.user();
        PatientId patient = RecordScope.patientOf(resource.getSubject())
                .orElseThrow(() -> unprocessable("SUBJECT", "La communication doit désigner la personne concernée (subject: Patient/…)."));
        caller.requireReach(TYPE, Interaction.CREATE, patient);
        String body = resource.getPayload().stream().filter(p -> p.hasContentStringType()).map(p -> p.getContentStringType().getValue())
                .reduce((a, b) -> a + "\n\n" + b).orElse(null);
        List<NewAttachment> attachments = new ArrayList<>();
        for (Communication.CommunicationPayloadComponent p : resource.getPayload()) {
            if (p.hasContentReference()) {
                Optional<DocumentId> doc = documentOf(p.getContentReference());
                if (doc.isEmpty()) {
                    throw unprocessable("PAYLOAD", "Une pièce jointe se désigne par DocumentReference/… (un document de votre dossier).");
                }
                attachments.add(new NewAttachment.FromRecord(doc.get()));
            } else if (p.hasContentAttachment() && p.getContentAttachment().hasData()) {
                attachments.add(new NewAttachment.Upload(p.getContentAttachment().getTitle(), p.getContentAttachment().getData()));
            }
        }
        Actor actor = actor(user, patient);
        String subjectText = resource.getTopic().getText();
        PostOutcome outcome;
        if (resource.hasInResponseTo()) {
            Optional<MessageId> previous = MessageId.parse(resource.getInResponseToFirstRep().getReferenceElement().getIdPart());
            Optional<fr.hygie.messaging.MessageView> prior = previous.flatMap(m -> conversations.message(actor, m, JournalChannel.FHIR))
                    .filter(m -> m.patient().equals(patient));
            if (prior.isEmpty()) {
                throw unprocessable("IN_RESPONSE_TO", "Le message auquel vous répondez n'existe pas ou ne vous concerne pas.");
            }
            outcome = conversations.reply(actor, prior.get().conversation(), body, attachments, JournalChannel.FHIR);
        } else {
            if (resource.getRecipient().size() != 1) {
                throw unprocessable("RECIPIENT", "Indiquez un seul destinataire (recipient).");
            }
            org.hl7.fhir.instance.model.api.IIdType to = resource.getRecipientFirstRep().getReferenceElement();
            Optional<java.util.UUID> toId = DirectoryResourceProviders.uuid(to.getIdPart());
            if (toId.isEmpty()) {
                throw unprocessable("RECIPIENT", "Destinataire inconnu : Patient/…, Practitioner/… ou Organization/….");
            }
            switch (String.valueOf(to.getResourceType())) {
                case "Patient":
                    if (user.role() == Role.PROFESSIONAL && !toId.get().equals(patient.value())) {
                        throw unprocessable("RECIPIENT", "Le destinataire doit être la personne concernée (subject).");
                    }
                    outcome = conversations.startWithPatient(actor, new PatientId(toId.get()), false, subjectText, body, attachments,
                            JournalChannel.FHIR);
                    break;
                case "Practitioner":
                    outcome = conversations.startWithCareParty(actor, CareParty.of(new ProfessionalId(toId.get())), subjectText, body,
                            attachments, JournalChannel.FHIR);
                    break;
                case "Organization":
                    if (user.role() == Role.PROFESSIONAL) {
                        // A professional writes for their structure's mailbox: sender Organization, recipient the person.
                        throw unprocessable("RECIPIENT", "Un professionnel écrit à un patient (recipient: Patient/…).");
                    }
                    outcome = conversations.startWithCareParty(actor, CareParty.of(new StructureId(toId.get())), subjectText, body,
                            attachments, JournalChannel.FHIR);
                    break;
                default:
                    throw unprocessable("RECIPIENT", "Destinataire inconnu : Patient/…, Practitioner/… ou Organization/….");
            }
        }
        if (outcome instanceof PostOutcome.Posted posted) {
            Communication created = conversations.message(actor, posted.message(), JournalChannel.FHIR).map(this::map).orElseThrow();
            return new MethodOutcome(new IdType(TYPE, posted.message().toString()), true).setResource(created);
        }
        PostOutcome.Refused refused = (PostOutcome.Refused) outcome;
        if ("SUBJECT".equals(refused.code()) || "BODY".equals(refused.code()) || refused.code().startsWith("ATTACHMENT")
                || "PATIENT_UNKNOWN".equals(refused.code()) || "RECIPIENT_UNKNOWN".equals(refused.code())) {
            throw unprocessable(refused.code(), refused.message());
        }
        throw new ForbiddenOperationException(refused.message(), Outcomes.refusal(refused.code(), null, refused.message()));
    }

    Communication map(MessageView m) {
        Communication c = new Communication();
        c.setId(m.id().toString());
        c.setStatus(Communication.CommunicationStatus.COMPLETED);
        c.setSubject(new Reference("Patient/" + m.patient().value()));
        c.setSent(Date.from(m.sentAt()));
        c.setTopic(new CodeableConcept().setText(m.subject()));
        c.setSender(senderRef(m).setDisplay(m.signature()));
        c.addRecipient(recipientRef(m));
        if (m.inResponseTo() != null) {
            c.addInResponseTo(new Reference(TYPE + "/" + m.inResponseTo()));
        }
        c.addPayload().setContent(new org.hl7.fhir.r4.model.StringType(m.body()));
        for (AttachmentView a : m.attachments()) {
            c.addPayload().setContent(new Attachment().setTitle(a.fileName()).setContentType(a.contentType()).setSize(a.size()));
        }
        return c;
    }

    private static Reference senderRef(MessageView m) {
        if (m.authorSide() == Side.PATIENT) {
            return new Reference("Patient/" + m.patient().value());
        }
        return m.authorProfessional() != null ? new Reference("Practitioner/" + m.authorProfessional().value())
                : partyRef(m.party());
    }

    private static Reference recipientRef(MessageView m) {
        return m.authorSide() == Side.PATIENT ? partyRef(m.party()) : new Reference("Patient/" + m.patient().value());
    }

    private static Reference partyRef(CareParty party) {
        return party.professional() != null ? new Reference("Practitioner/" + party.professional().value())
                : new Reference("Organization/" + party.structure().value());
    }

    /** Does a reference match a search parameter (type optional, id exact)? */
    static boolean matches(Reference ref, ReferenceParam param) {
        if (param == null) {
            return true;
        }
        IdType id = new IdType(ref.getReference());
        String type = param.getResourceType();
        return (type == null || type.isBlank() || type.equals(id.getResourceType())) && id.getIdPart().equals(param.getIdPart());
    }

    private static Optional<PatientId> named(ReferenceParam patient, ReferenceParam subject) {
        ReferenceParam p = patient != null ? patient : subject;
        if (p == null) {
            return Optional.empty();
        }
        if (p.getResourceType() != null && !p.getResourceType().isBlank() && !"Patient".equals(p.getResourceType())) {
            return Optional.empty();
        }
        Optional<PatientId> a = DirectoryResourceProviders.uuid(p.getIdPart()).map(PatientId::new);
        if (patient != null && subject != null) {
            Optional<PatientId> b = DirectoryResourceProviders.uuid(subject.getIdPart()).map(PatientId::new);
            return a.equals(b) ? a : Optional.empty();
        }
        return a;
    }

    private static Optional<DocumentId> documentOf(Reference ref) {
        if (!DocumentReferenceResourceProvider.TYPE.equals(ref.getReferenceElement().getResourceType())) {
            return Optional.empty();
        }
        return DirectoryResourceProviders.uuid(ref.getReferenceElement().getIdPart()).map(DocumentId::new);
    }

    private static Actor actor(HygieUser user, PatientId patient) {
        return user.role() == Role.PROFESSIONAL ? Actor.of(user) : RecordScope.actor(user, patient);
    }

    private UnprocessableEntityException unprocessable(String code, String message) {
        return new UnprocessableEntityException(fhir, Outcomes.refusal(code, null, message));
    }
}
