package fr.hygie.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import fr.hygie.access.ControlOutcome;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import fr.hygie.access.Actor;
import fr.hygie.access.CareTeam;
import fr.hygie.access.CareTeamMembers;
import fr.hygie.access.PatientSettings;
import fr.hygie.access.SharingSettings;
import fr.hygie.fhir.SmartScopes.Interaction;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Professional;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Professionals;
import fr.hygie.journal.JournalChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * {@code Consent}: the person's sharing choices (« paramètres de confidentialité ») — one
 * Consent per authorised professional (permit), per blocked professional (deny), for the médecin
 * traitant (permit), and for emergency access (bris de glace: permit, or deny when the person turned it
 * off, CSP L1111-17). Only the person, or a representative whose mandate has MANAGE_SHARING, sees them
 * ({@link CareTeam#careTeamOf} and {@link SharingSettings#settingsOf} decide and journal); anyone else
 * finds nothing, exactly like a person without choices. A professional never learns they are blocked.
 *
 * <p>Create and update do what the web's sharing page does, through the same {@link CareTeam} and
 * {@link SharingSettings} (same decision, same journal, channel FHIR): authorise a professional or
 * revoke (status inactive), block or unblock, turn emergency access off or on, object or not to sharing
 * with the care team. The médecin traitant is not declared through a Consent. A Consent's id is derived
 * from the person, the kind and the professional, so a PUT names the choice it changes.
 */
@Component
public class ConsentResourceProvider implements IResourceProvider {

    static final String TYPE = "Consent";
    static final String KIND_SYSTEM = "https://hygie.fr/fhir/CodeSystem/consent-kind";
    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    /** The person's objection (deny) or not (permit) to sharing professionals' additions with the care team. */
    static final String SHARE_WITH_CARE_TEAM = "SHARE_WITH_CARE_TEAM";

    private final CareTeam careTeam;
    private final SharingSettings sharing;
    private final Professionals professionals;
    private final RecordScope scope;
    private final FhirValidation validation;
    private final ca.uhn.fhir.context.FhirContext fhir;

    ConsentResourceProvider(CareTeam careTeam, SharingSettings sharing, Professionals professionals, RecordScope scope,
            FhirValidation validation, ca.uhn.fhir.context.FhirContext fhir) {
        this.validation = validation;
        this.fhir = fhir;
        this.careTeam = careTeam;
        this.sharing = sharing;
        this.professionals = professionals;
        this.scope = scope;
    }

    @Override
    public Class<Consent> getResourceType() {
        return Consent.class;
    }

    @Read
    public Consent read(@IdParam IdType id) {
        FhirCaller caller = FhirCaller.current();
        caller.require(TYPE, Interaction.READ);
        // Consent ids are not stored: look among the persons the caller may manage (themself, those they represent).
        fr.hygie.identity.Role role = caller.user().role();
        if (role != fr.hygie.identity.Role.PATIENT && role != fr.hygie.identity.Role.REPRESENTATIVE) {
            throw DocumentReferenceResourceProvider.notFound(TYPE, id);
        }
        for (PatientId p : scope.searchTargets(caller, TYPE)) {
            if (!caller.mayReach(TYPE, Interaction.READ, p)) {
                continue;
            }
            Optional<Consent> found = consents(RecordScope.actor(caller.user(), p), p).stream()
                    .filter(c -> c.getIdElement().getIdPart().equals(id.getIdPart())).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw DocumentReferenceResourceProvider.notFound(TYPE, id);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = Consent.SP_PATIENT) ReferenceParam patient,
            @OptionalParam(name = Consent.SP_CATEGORY) TokenParam category, @Offset Integer offset, @Count Integer count) {
        FhirCaller caller = FhirCaller.current();
        caller.require(TYPE, Interaction.SEARCH);
        List<Consent> visible = new ArrayList<>();
        for (PatientId p : scope.searchTargets(caller, TYPE, patient)) {
            consents(RecordScope.actor(caller.user(), p), p).stream()
                    .filter(c -> category == null || c.getCategory().stream().flatMap(x -> x.getCoding().stream())
                            .anyMatch(x -> x.getCode().equals(category.getValue())))
                    .forEach(visible::add);
        }
        return Pages.of(visible, offset, count, c -> c);
    }

    @Create
    public MethodOutcome create(@ResourceParam Consent resource) {
        return write(resource, null);
    }

    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam Consent resource) {
        return write(resource, id);
    }

    /** A choice made through the API, exactly as on the sharing page; 422 (nothing changed) when the Consent says something else. */
    private MethodOutcome write(Consent resource, IdType id) {
        FhirCaller caller = FhirCaller.current();
        Interaction interaction = id == null ? Interaction.CREATE : Interaction.UPDATE;
        caller.require(TYPE, interaction);
        DocumentReferenceResourceProvider.requireValid(validation, fhir, resource);
        PatientId patient = RecordScope.patientOf(resource.getPatient()).orElseThrow(() -> refusal("PATIENT", "patient",
                "Le choix doit désigner la personne concernée (patient: Patient/…)."));
        caller.requireReach(TYPE, interaction, patient);
        String kind = resource.getCategory().stream().flatMap(c -> c.getCoding().stream())
                .filter(c -> KIND_SYSTEM.equals(c.getSystem())).map(Coding::getCode).findFirst().orElse(null);
        boolean active = resource.getStatus() == Consent.ConsentState.ACTIVE;
        boolean inactive = resource.getStatus() == Consent.ConsentState.INACTIVE || resource.getStatus() == Consent.ConsentState.REJECTED;
        if (!active && !inactive) {
            throw refusal("STATUS", "status", "Statut attendu : active (le choix s'applique) ou inactive (il est retiré).");
        }
        boolean permit = resource.getProvision().getType() == Consent.ConsentProvisionType.PERMIT;
        boolean deny = resource.getProvision().getType() == Consent.ConsentProvisionType.DENY;
        ProfessionalId professional = null;
        if ("AUTHORISATION".equals(kind) || "BLOCK".equals(kind)) {
            professional = resource.getProvision().getActor().stream().map(Consent.provisionActorComponent::getReference).findFirst()
                    .flatMap(this::professionalOf).orElseThrow(() -> refusal("ACTOR", "provision.actor",
                            "Le professionnel concerné (provision.actor : Practitioner/… ou son identifiant RPPS) est introuvable."));
            if ("AUTHORISATION".equals(kind) != permit || permit == deny) {
                throw refusal("PROVISION", "provision.type", "Une autorisation est un « permit », un blocage un « deny ».");
            }
        } else if ("EMERGENCY_ACCESS".equals(kind) || SHARE_WITH_CARE_TEAM.equals(kind)) {
            if (!active || permit == deny) {
                throw refusal("PROVISION", "provision.type",
                        "Ce choix reste actif : « permit » pour l'accepter, « deny » pour s'y opposer.");
            }
        } else if ("TREATING_PHYSICIAN".equals(kind)) {
            throw refusal("KIND", "category", "Le médecin traitant se déclare sur la page « Mes professionnels », pas par un Consent.");
        } else {
            throw refusal("KIND", "category", "Sorte de choix attendue (" + KIND_SYSTEM + ") : AUTHORISATION, BLOCK, EMERGENCY_ACCESS ou "
                    + SHARE_WITH_CARE_TEAM + ".");
        }
        String consentId = base(patient, kind, professional, permit).getIdElement().getIdPart();
        if (id != null && !consentId.equals(id.getIdPart())) {
            throw refusal("ID", "id", "Cet identifiant ne désigne pas ce choix (personne, sorte et professionnel) : lisez le Consent à modifier.");
        }
        Actor actor = RecordScope.actor(caller.user(), patient);
        ControlOutcome outcome;
        switch (kind) {
            case "AUTHORISATION":
                outcome = active ? careTeam.authorise(actor, patient, professional, JournalChannel.FHIR)
                        : careTeam.revokeAuthorisation(actor, patient, professional, JournalChannel.FHIR);
                break;
            case "BLOCK":
                outcome = active ? careTeam.block(actor, patient, professional, JournalChannel.FHIR)
                        : careTeam.unblock(actor, patient, professional, JournalChannel.FHIR);
                break;
            case "EMERGENCY_ACCESS":
                outcome = sharing.setEmergencyAccessAllowed(actor, patient, permit, JournalChannel.FHIR);
                break;
            default:
                outcome = sharing.setShareAdditionsWithCareTeam(actor, patient, permit, JournalChannel.FHIR);
                break;
        }
        if (!outcome.done()) {
            if (outcome.reason() == fr.hygie.access.ReasonCode.TREATING_PHYSICIAN_CANNOT_BE_BLOCKED) {
                throw refusal("TREATING_PHYSICIAN", "provision.actor", outcome.message());
            }
            throw new ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException(outcome.message());
        }
        Consent answer = active ? consents(actor, patient).stream().filter(c -> c.getIdElement().getIdPart().equals(consentId))
                .findFirst().orElse(null) : null;
        if (answer == null) {
            answer = resource.copy();
            answer.setId(consentId);
        }
        return new MethodOutcome(new IdType(TYPE, consentId), id == null).setResource(answer);
    }

    private Optional<ProfessionalId> professionalOf(Reference ref) {
        if (ref.hasReference() && ref.getReferenceElement().getResourceType() != null
                && "Practitioner".equals(ref.getReferenceElement().getResourceType())) {
            return DirectoryResourceProviders.uuid(ref.getReferenceElement().getIdPart()).map(ProfessionalId::new)
                    .filter(p -> professionals.byId(p).isPresent());
        }
        if (ref.hasIdentifier()) {
            Identifier i = ref.getIdentifier();
            return DirectoryResourceProviders.professionalByIdentifier(professionals,
                    new TokenParam(i.getSystem(), i.getValue())).map(Professional::id);
        }
        return Optional.empty();
    }

    private UnprocessableEntityException refusal(String code, String field, String message) {
        return new UnprocessableEntityException(fhir, Outcomes.refusal(code, field, message));
    }

    /** The person's choices as Consents, or none when the actor may not manage them (decided and journaled). */
    List<Consent> consents(Actor actor, PatientId patient) {
        Optional<CareTeamMembers> team = careTeam.careTeamOf(actor, patient, JournalChannel.FHIR);
        if (team.isEmpty()) {
            return new ArrayList<>();
        }
        return consents(patient, team.get(), sharing.settingsOf(actor, patient, JournalChannel.FHIR));
    }

    /** The same Consents from choices already read (the operator's export reads them without a per-person decision). */
    List<Consent> consents(PatientId patient, CareTeamMembers members, Optional<PatientSettings> settings) {
        List<Consent> out = new ArrayList<>();
        members.treatingPhysician().ifPresent(t -> {
            DateTimeType since = new DateTimeType(t.since().toString());
            since.setPrecision(TemporalPrecisionEnum.DAY);
            out.add(consent(patient, "TREATING_PHYSICIAN", t.professional(), since, true));
        });
        members.authorised().forEach(a -> out.add(consent(patient, "AUTHORISATION", a.professional(),
                new DateTimeType(Date.from(a.since())), true)));
        members.blocked().forEach(b -> out.add(consent(patient, "BLOCK", b.professional(),
                new DateTimeType(Date.from(b.since())), false)));
        settings.ifPresent((PatientSettings s) -> {
            Consent c = base(patient, "EMERGENCY_ACCESS", null, s.emergencyAccessAllowed());
            c.getProvision().addPurpose(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", "ETREAT", "Emergency Treatment"));
            out.add(c);
            // « Sauf opposition » (DOMAIN): what professionals add is shared with the care team unless the person objects.
            Consent share = base(patient, SHARE_WITH_CARE_TEAM, null, s.shareAdditionsWithCareTeam());
            share.getProvision().addPurpose(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", "TREAT", "treatment"));
            out.add(share);
        });
        return out;
    }

    private Consent consent(PatientId patient, String kind, ProfessionalId professional, DateTimeType since, boolean permit) {
        Consent c = base(patient, kind, professional, permit);
        c.setDateTimeElement(since);
        Reference who = new Reference("Practitioner/" + professional.value());
        professionals.byId(professional).ifPresent((Professional p) -> who.setDisplay(p.displayName())
                .setIdentifier(new Identifier().setSystem(FhirMapper.IDNAT_PS_SYSTEM).setValue(p.idNatPs())));
        c.getProvision().addActor().setReference(who).setRole(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/v3-RoleClass", "PROV", "healthcare provider")));
        return c;
    }

    static Consent base(PatientId patient, String kind, ProfessionalId professional, boolean permit) {
        Consent c = new Consent();
        String key = patient.value() + "|" + kind + "|" + (professional == null ? "" : professional.value());
        c.setId(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString());
        c.setStatus(Consent.ConsentState.ACTIVE);
        c.setScope(new CodeableConcept().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/consentscope",
                "patient-privacy", "Privacy Consent")));
        c.addCategory(new CodeableConcept().addCoding(new Coding("http://loinc.org", "59284-0", "Patient Consent")));
        c.addCategory(new CodeableConcept().addCoding(new Coding(KIND_SYSTEM, kind, null)));
        c.setPatient(new Reference("Patient/" + patient.value()));
        c.setPolicyRule(new CodeableConcept().addCoding(new Coding(ACT_CODE, permit ? "OPTIN" : "OPTOUT", null)));
        c.getProvision().setType(permit ? Consent.ConsentProvisionType.PERMIT : Consent.ConsentProvisionType.DENY);
        return c;
    }
}
