package fr.hygie.research;

import java.util.Date;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchStudy.ResearchStudyStatus;

/**
 * A registry entry as a FHIR R4 ResearchStudy (public fields only, as the registry): served at
 * {@code /recherche/registre/{id}/fhir} and by the FHIR server at {@code /fhir/ResearchStudy}.
 */
public final class RegistryFhir {

    public static final String IDENTIFIER_SYSTEM = "urn:hygie:research-project";
    public static final String PURPOSE_SYSTEM = "https://hygie.fr/fhir/CodeSystem/ehds-article-53-purpose";
    public static final String STATUS_SYSTEM = "https://hygie.fr/fhir/CodeSystem/research-project-status";
    public static final String ORGANISATION_KIND_SYSTEM = "https://hygie.fr/fhir/CodeSystem/research-organisation-kind";

    private RegistryFhir() {
    }

    public static ResearchStudy researchStudy(RegistryEntry e) {
        ResearchStudy rs = new ResearchStudy();
        rs.setId(e.id());
        rs.addIdentifier().setSystem(IDENTIFIER_SYSTEM).setValue(e.id());
        rs.setTitle(e.title());
        rs.setDescription(e.summary());
        rs.setStatus(status(e.status()));
        rs.addCategory(new CodeableConcept(new Coding(PURPOSE_SYSTEM, e.purpose(), e.purposeLabel())).setText(e.purposeLabel()));
        rs.addCategory(new CodeableConcept(new Coding(STATUS_SYSTEM, e.status(), e.statusLabel())).setText(e.statusLabel()));
        rs.addCategory(new CodeableConcept(new Coding(ORGANISATION_KIND_SYSTEM, e.organisationKind(), e.organisationKindLabel()))
                .setText(e.organisationKindLabel()));
        rs.setSponsor(new Reference().setDisplay(e.organisation()));
        rs.addLocation(new CodeableConcept().setText(e.placeLabel()));
        rs.setPeriod(new Period().setStart(Date.from(e.submittedAt())));
        e.variables().forEach(v -> rs.addKeyword(new CodeableConcept().setText(v.category() + " : " + v.variable())));
        rs.addNote(new Annotation().setText("Équipe : " + e.team()));
        rs.addNote(new Annotation().setText("Base légale : " + e.legalBasis()));
        rs.addNote(new Annotation().setText("Bénéfice attendu : " + e.publicBenefit()));
        e.steps().forEach(st -> rs.addNote(new Annotation().setText(st.decisionLabel() + " (" + st.body() + ") : " + st.reasons()
                + (st.late() ? " — décision rendue après l'échéance" : "")).setTime(Date.from(st.decidedAt()))));
        if (e.included() != null) {
            rs.addNote(new Annotation().setText("Dernière extraction : " + e.included() + " personnes incluses, "
                    + e.excludedByObjections() + " écartées par leur opposition."));
        }
        if (e.results() != null) {
            rs.addNote(new Annotation().setText((e.results().negative() ? "Résultats (négatifs) : " : "Résultats : ") + e.results().summary())
                    .setTime(Date.from(e.results().publishedAt())));
        }
        return rs;
    }

    static ResearchStudyStatus status(String status) {
        switch (ProjectStatus.valueOf(status)) {
            case SUBMITTED:
            case INCOMPLETE:
            case COMPLETE:
            case ETHICS_FAVOURABLE:
                return ResearchStudyStatus.INREVIEW;
            case ETHICS_UNFAVOURABLE:
            case REFUSED:
                return ResearchStudyStatus.DISAPPROVED;
            case AUTHORISED:
            case AGREEMENT_SIGNED:
                return ResearchStudyStatus.APPROVED;
            case EXTRACTION_DONE:
                return ResearchStudyStatus.ACTIVE;
            case RESULTS_PUBLISHED:
                return ResearchStudyStatus.CLOSEDTOACCRUAL;
            default:
                return ResearchStudyStatus.COMPLETED;
        }
    }
}
