/**
 * The research engine integration (intégration du moteur d'extraction): {@link fr.hygie.research.engine.EngineProcessLauncher}
 * implements {@link fr.hygie.research.ExtractionLauncher} by starting {@code hygie-research-engine} in its own
 * JVM (Apache Spark never runs inside the server, STACK-NOTES "Research engine"), following its progress,
 * checking its disclosure report, recording the run's membership in the platform and releasing only the
 * project's outputs to the project team.
 *
 * <p>Exposed to the web module as the named interface {@code engine} (progress and released files on the
 * project pages).
 */
@org.springframework.modulith.NamedInterface("engine")
package fr.hygie.research.engine;
