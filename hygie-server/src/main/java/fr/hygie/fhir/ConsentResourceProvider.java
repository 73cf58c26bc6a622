package fr.hygie.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.annotation.Count;
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
 * {@code Consent}, read-only: the person's sharing choices (« paramètres de confidentialité ») — one
 * Consent per authorised professional (permit), per blocked professional (deny), for the médecin
 * traitant (permit), and for emergency access (bris de glace: permit, or deny when the person turned it
 * off, CSP L1111-17). Only the person, or a representative whose mandate has MANAGE_SHARING, sees them
 * ({@link CareTeam#careTeamOf} and {@link SharingSettings#settingsOf} decide and journal); anyone else
 * finds nothing, exactly like a person without choices. A professional never learns they are blocked.
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

    ConsentResourceProvider(CareTeam careTeam, SharingSettings sharing, Professionals professionals, RecordScope scope) {
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
