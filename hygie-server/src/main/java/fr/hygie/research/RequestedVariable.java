package fr.hygie.research;

/**
 * One variable a project asks for, with its category and why it is needed (data minimisation: EHDS art.
 * 66, "adequate, relevant and limited to what is necessary").
 */
public record RequestedVariable(String category, String variable, String justification) {
}
