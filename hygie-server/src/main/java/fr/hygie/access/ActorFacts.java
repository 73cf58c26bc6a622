package fr.hygie.access;

import fr.hygie.identity.AccountId;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Role;
import java.util.Objects;

/**
 * Who acts: role and account, the person whose own space the account opens (if any), and for a
 * professional their id and profession code (TRE_G15: 10 médecin, 21 pharmacien, 40 chirurgien-dentiste,
 * 50 sage-femme, 60 infirmier, 70 masseur-kinésithérapeute, 80 pédicure-podologue).
 */
public record ActorFacts(Role role, AccountId accountId, PatientId ownPatient, ProfessionalId professional,
        String professionCode) {

    public ActorFacts {
        Objects.requireNonNull(role, "role");
    }

    public static ActorFacts patient(AccountId account, PatientId self) {
        return new ActorFacts(Role.PATIENT, account, self, null, null);
    }

    public static ActorFacts professional(AccountId account, ProfessionalId professional, String professionCode) {
        return new ActorFacts(Role.PROFESSIONAL, account, null, professional, professionCode);
    }

    public static ActorFacts representative(AccountId account) {
        return new ActorFacts(Role.REPRESENTATIVE, account, null, null, null);
    }

    public static ActorFacts of(Role role, AccountId account) {
        return new ActorFacts(role, account, null, null, null);
    }
}
