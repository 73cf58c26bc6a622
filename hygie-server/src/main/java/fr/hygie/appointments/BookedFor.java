package fr.hygie.appointments;

import fr.hygie.identity.PatientId;
import fr.hygie.platform.web.InvalidInput;
import java.time.LocalDate;

/**
 * For whom an appointment is: a registered person, or a person without a digital space whom a counter
 * or phone agent identified by name, birth date and phone (it must always be possible to get an
 * appointment without using the digital space).
 */
public sealed interface BookedFor permits BookedFor.Registered, BookedFor.Unregistered {

    record Registered(PatientId patient) implements BookedFor {
    }

    record Unregistered(String familyName, String givenName, LocalDate birthDate, String phone) implements BookedFor {

        public Unregistered {
            if (familyName == null || familyName.isBlank()) {
                throw new InvalidInput("FAMILY_NAME", "nom", "Indiquez le nom de la personne.");
            }
            if (givenName == null || givenName.isBlank()) {
                throw new InvalidInput("GIVEN_NAME", "prenom", "Indiquez le prénom de la personne.");
            }
            // A name is a line of ordinary characters: no control character (PostgreSQL refuses NUL in any text; the web
            // forms refuse it before any controller, an import did not) and at most 100 characters (a 10,000-character name
            // was stored as typed). Same rule at the counter and on import, as both build this value. Session 6, found by
            // reading the counter agent's paths (security.FhirWriteFuzzTest).
            if (!plainName(familyName)) {
                throw new InvalidInput("FAMILY_NAME", "nom", "Le nom contient des caractères non admis ou dépasse 100 caractères.");
            }
            if (!plainName(givenName)) {
                throw new InvalidInput("GIVEN_NAME", "prenom", "Le prénom contient des caractères non admis ou dépasse 100 caractères.");
            }
            if (birthDate == null || birthDate.isAfter(LocalDate.now()) || birthDate.isBefore(LocalDate.of(1900, 1, 1))) {
                throw new InvalidInput("BIRTH_DATE", "naissance", "Indiquez la date de naissance (jour, mois, année).");
            }
            phone = Phones.normalise(phone).orElseThrow(() -> new InvalidInput("PHONE", "telephone",
                    "Indiquez un numéro de téléphone à 10 chiffres pour la confirmation et le rappel."));
            familyName = familyName.strip().toUpperCase(java.util.Locale.FRANCE);
            givenName = givenName.strip();
        }

        private static boolean plainName(String name) {
            return name.strip().length() <= 100 && name.chars().noneMatch(Character::isISOControl);
        }

        public String displayName() {
            return givenName + " " + familyName;
        }

        @Override
        public String toString() {
            return "Unregistered[birthYear=" + birthDate.getYear() + "]";
        }
    }
}
