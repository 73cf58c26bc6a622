package fr.hygie.access;

import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;

/** Event: the person authorised a professional to read their space. */
public record ProfessionalAuthorised(PatientId patient, ProfessionalId professional) {
}
