package fr.hygie.demo;

import fr.hygie.identity.Accounts;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.research.NewProject;
import fr.hygie.research.ObjectionPolicy;
import fr.hygie.research.ObjectionScope;
import fr.hygie.research.Objections;
import fr.hygie.research.OrganisationKind;
import fr.hygie.research.ExtractionRuns;
import fr.hygie.research.MoveOutcome;
import fr.hygie.research.ProjectDecision;
import fr.hygie.research.ProjectId;
import fr.hygie.research.ProjectProfile;
import fr.hygie.research.ProcessingPlace;
import fr.hygie.research.Projects;
import fr.hygie.research.Purpose;
import fr.hygie.research.RequestedVariable;
import fr.hygie.research.RunOutcome;
import fr.hygie.research.RunReport;
import fr.hygie.research.SubmissionOutcome;
import fr.hygie.synth.GenerationSpec;
import fr.hygie.synth.SyntheticPopulation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Demo research data: objections of a few generated persons (as if handed in on paper), and five projects
 * of the researcher "chercheur" at different steps of their route, one of them closed with negative
 * results. The closed project's extraction run is computed here over a small demo cohort (the named
 * persons and the first generated ones, minus objectors by {@link ObjectionPolicy}) and reported as the
 * "jeu de démonstration": it is not the research engine.
 */
@Component
class DemoResearch {

    static final String DEMO_LAUNCHER = "jeu de démonstration";

    private final Projects projects;
    private final Objections objections;
    private final ExtractionRuns runs;
    private final Accounts accounts;
    private final Patients patients;
    private final Clock clock;

    DemoResearch(Projects projects, Objections objections, ExtractionRuns runs, Accounts accounts, Patients patients, Clock clock) {
        this.projects = projects;
        this.objections = objections;
        this.runs = runs;
        this.accounts = accounts;
        this.patients = patients;
        this.clock = clock;
    }

    void load(DemoCast cast, GenerationSpec generated) {
        List<PatientId> cohort = new ArrayList<>(List.of(cast.patient("patient"), cast.patient("patient2")));
        Map<PatientId, Set<ObjectionScope>> paper = new LinkedHashMap<>();
        if (generated != null) {
            SyntheticPopulation population = new SyntheticPopulation(generated);
            for (int i = 0; i < Math.min(40, generated.persons()); i++) {
                patients.byMatricule(population.person(i).nir()).ifPresent(cohort::add);
            }
            if (cohort.size() > 12) {
                paper.put(cohort.get(4), Set.of(ObjectionScope.GLOBAL));
                paper.put(cohort.get(8), Set.of(ObjectionScope.organisationKind(OrganisationKind.COMMERCIAL)));
                paper.put(cohort.get(12), Set.of(ObjectionScope.place(ObjectionScope.PlaceRestriction.FRANCE_ONLY),
                        ObjectionScope.purpose(Purpose.EDUCATION)));
                objections.importObjections(paper, "Formulaire papier (démonstration)");
            }
        }
        HygieUser researcher = accounts.loadUserByUsername("chercheur");
        HygieUser committee = accounts.loadUserByUsername("comite");
        HygieUser authority = accounts.loadUserByUsername("cnil");
        HygieUser admin = accounts.loadUserByUsername("admin");

        ProjectId vitaminD = submit(researcher, "Vitamine D et infections respiratoires de l'hiver",
                "Les personnes dont le taux de vitamine D est bas ont-elles plus d'infections respiratoires l'hiver suivant ?",
                Purpose.SCIENTIFIC_RESEARCH, "Inserm, unité d'épidémiologie", OrganisationKind.PUBLIC, ProcessingPlace.FRANCE,
                List.of(new RequestedVariable("Biologie", "Dosage de la vitamine D (25-OH)", "La mesure étudiée."),
                        new RequestedVariable("Diagnostics", "Infections respiratoires (CIM-10 J00-J22)", "Le résultat étudié."),
                        new RequestedVariable("Identité", "Année de naissance et sexe", "Ajuster sur l'âge et le sexe.")));
        move(committee, vitaminD, ProjectDecision.COMPLETE, "Toutes les pièces sont présentes.");
        move(committee, vitaminD, ProjectDecision.FAVOURABLE, "Question utile, données proportionnées, méthode adaptée.");
        move(authority, vitaminD, ProjectDecision.AUTHORISE, "Traitement conforme : données pseudonymisées, traitement en France.");
        move(admin, vitaminD, ProjectDecision.SIGN_AGREEMENT, "Convention signée avec l'Inserm.");
        ProjectProfile profile = new ProjectProfile(Purpose.SCIENTIFIC_RESEARCH, OrganisationKind.PUBLIC, ProcessingPlace.FRANCE);
        List<UUID> included = new ArrayList<>();
        Map<UUID, String> excluded = new LinkedHashMap<>();
        var snapshot = clock.instant();
        Map<UUID, Set<ObjectionScope>> inForce = objections.inForceAt(cohort.stream().map(PatientId::value).toList(), snapshot);
        for (PatientId p : cohort) {
            var reason = ObjectionPolicy.reason(inForce.getOrDefault(p.value(), Set.of()), profile);
            if (reason.isPresent()) {
                excluded.put(p.value(), reason.get().code());
            } else {
                included.add(p.value());
            }
        }
        RunOutcome run = runs.recordRun(new RunReport(vitaminD, snapshot, DEMO_LAUNCHER, included, excluded));
        if (!(run instanceof RunOutcome.Recorded)) {
            throw new IllegalStateException("demo run refused: " + run);
        }
        MoveOutcome published = projects.publishResults(researcher, vitaminD,
                "Aucun lien n'a été trouvé entre un taux bas de vitamine D et le nombre d'infections respiratoires de l'hiver "
                        + "suivant, après ajustement sur l'âge et le sexe. Résultat négatif : il ne justifie pas de dépistage systématique.",
                true);
        require(published);
        move(researcher, vitaminD, ProjectDecision.CLOSE, "Résultats publiés, données du projet effacées de l'espace de travail.");

        ProjectId retina = submit(researcher, "Algorithme d'aide à la lecture des rétinographies",
                "Entraîner et évaluer un algorithme qui repère la rétinopathie diabétique sur les rétinographies.",
                Purpose.SCIENTIFIC_RESEARCH, "OphtaVision SAS", OrganisationKind.COMMERCIAL, ProcessingPlace.EU,
                List.of(new RequestedVariable("Imagerie", "Rétinographies", "Les images que l'algorithme apprend à lire."),
                        new RequestedVariable("Diagnostics", "Diabète et rétinopathie", "Les étiquettes de l'apprentissage.")));
        move(committee, retina, ProjectDecision.COMPLETE, "Dossier complet.");
        move(committee, retina, ProjectDecision.FAVOURABLE, "Favorable, sous réserve d'une évaluation des biais par âge et sexe.");
        move(authority, retina, ProjectDecision.AUTHORISE, "Autorisé : traitement dans un environnement sécurisé de l'Union.");
        move(admin, retina, ProjectDecision.SIGN_AGREEMENT, "Convention signée ; prêt pour l'extraction.");

        ProjectId vaccines = submit(researcher, "Surveillance des effets indésirables après vaccination",
                "Repérer plus tôt les effets indésirables rares après une vaccination.", Purpose.PUBLIC_HEALTH,
                "Santé publique France", OrganisationKind.PUBLIC, ProcessingPlace.FRANCE,
                List.of(new RequestedVariable("Vaccinations", "Vaccins reçus et dates", "L'exposition étudiée."),
                        new RequestedVariable("Diagnostics", "Hospitalisations dans les 42 jours", "Les événements surveillés.")));
        move(committee, vaccines, ProjectDecision.COMPLETE, "Dossier complet.");
        move(committee, vaccines, ProjectDecision.FAVOURABLE, "Intérêt de santé publique manifeste.");

        ProjectId diabetes = submit(researcher, "Parcours des personnes diabétiques par département",
                "Décrire le suivi des personnes diabétiques de type 2 pour aider les agences régionales de santé à organiser l'offre.",
                Purpose.HEALTH_POLICY, "Agence régionale de santé Auvergne-Rhône-Alpes", OrganisationKind.PUBLIC, ProcessingPlace.FRANCE,
                List.of(new RequestedVariable("Biologie", "HbA1c", "Mesurer l'équilibre du diabète."),
                        new RequestedVariable("Lieu", "Département de résidence", "Comparer les territoires.")));
        move(committee, diabetes, ProjectDecision.COMPLETE, "Dossier complet.");

        submit(researcher, "Délais d'attente aux urgences",
                "Comparer les parcours aux urgences pour réduire l'attente.", Purpose.CARE_IMPROVEMENT,
                "Fondation pour l'hôpital", OrganisationKind.PRIVATE_NON_PROFIT, ProcessingPlace.FRANCE,
                List.of(new RequestedVariable("Séjours", "Heures d'arrivée et de sortie des urgences", "Mesurer l'attente.")));
    }

    private ProjectId submit(HygieUser researcher, String title, String summary, Purpose purpose, String organisation,
            OrganisationKind kind, ProcessingPlace place, List<RequestedVariable> variables) {
        SubmissionOutcome o = projects.submit(researcher, new NewProject(title, summary, purpose.name(),
                "RGPD art. 6(1)(e) et 9(2)(j) ; Code de la santé publique, art. L1461-3", organisation, kind.name(), place.name(),
                "Claire Dubois (investigatrice principale), deux biostatisticiens", "Adultes ayant un espace santé",
                "24", "Financement public (appel à projets)", "Mieux soigner, mieux prévenir, avec des résultats publics.",
                variables, Set.of()));
        if (o instanceof SubmissionOutcome.Submitted s) {
            return s.project();
        }
        throw new IllegalStateException("demo project refused: " + o);
    }

    private void move(HygieUser actor, ProjectId project, ProjectDecision decision, String reasons) {
        require(projects.decide(actor, project, decision, reasons, null));
    }

    private static void require(MoveOutcome o) {
        if (o instanceof MoveOutcome.Refused r) {
            throw new IllegalStateException("demo move refused: " + r.message());
        }
    }
}
