package fr.hygie.research;

import java.util.List;

/** What the engine needs to extract a project's data: the project's profile, population and variables. */
public record ExtractionRequest(ProjectId project, ProjectProfile profile, String population, List<RequestedVariable> variables) {

    public ExtractionRequest {
        variables = List.copyOf(variables);
    }
}
