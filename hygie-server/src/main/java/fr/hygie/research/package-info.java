/**
 * Research (usage secondaire des données de santé): the person's objections to secondary use, research
 * projects and their review, the extraction runs reported by the research engine, the public registry
 * and each person's view of the projects that used or left out their data (DOMAIN "Secondary use",
 * EHDS Regulation (EU) 2025/327 articles 53, 54, 61, 68, 71).
 *
 * <p>Choices made where the texts are silent:
 * <ul>
 * <li>Default inclusion unless the person objects (consentement à défaut d'opposition); objections are a
 * dated history (recorded, withdrawn), never overwritten, so that the objections in force at an
 * extraction's snapshot can always be recomputed. The one rule that turns objections into an exclusion is
 * {@link fr.hygie.research.ObjectionPolicy}; the research engine mirrors it at scale.</li>
 * <li>A project declaring a prohibited use (EHDS art. 54 points a–e, art. 61(2) and 61(3)) is refused at
 * submission with the article cited, and is not registered: there is nothing to review.</li>
 * <li>The workflow stops at "data agreement signed: ready for extraction". Extraction is launched through
 * {@link fr.hygie.research.ExtractionLauncher}, implemented by the research engine; runs are recorded
 * only when a launcher reports them ({@link fr.hygie.research.ExtractionRuns#recordRun}). The platform
 * refuses a run that includes a person whose objection in force at the snapshot excludes them.</li>
 * <li>Run membership (who was included, who was left out by an objection) stays in the platform: only the
 * person (or their representative) sees their own; the registry shows counts only.</li>
 * <li>Every submitted project is in the public registry from its submission, with its decisions and
 * reasons; reviewers' private notes and the researcher's account never are.</li>
 * <li>Reading one's choices and participations needs what reading one's space needs (a representative:
 * VIEW_DOCUMENTS); changing choices needs MANAGE_SHARING. Both are decided and journaled by the access
 * module (object type {@code ResearchObjection}, {@code ResearchParticipation}).</li>
 * </ul>
 */
package fr.hygie.research;
