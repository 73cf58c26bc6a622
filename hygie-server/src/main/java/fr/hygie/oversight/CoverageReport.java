package fr.hygie.oversight;

import java.util.List;

/**
 * Who the reminders reach and who they miss (rapport de couverture): persons for whom at least one
 * reminder was due in the period ({@code total}) and those reached by at least one validated reminder,
 * in the app or by letter; by sex, age band, région and digital use; then the suggestions by outcome.
 */
public record CoverageReport(GroupFigure overall, List<GroupFigure> byGroup, List<GroupFigure> byOutcome) {
}
