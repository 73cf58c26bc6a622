package fr.hygie.record;

import java.util.UUID;

/** A person to contact: the personne de confiance (CSP L1111-6) or someone to inform. */
public record ContactPerson(UUID id, String kind, String name, String phone, String relation) {
}
