package fr.hygie.catalogue;

/** A line of the public catalogue: the service and its latest decision (absent while under review). */
public record CatalogueEntry(ServiceApplication application, DecisionRecord lastDecision) {
}
