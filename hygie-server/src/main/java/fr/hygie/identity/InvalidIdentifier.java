package fr.hygie.identity;

import java.util.Objects;

/**
 * An identifier or identity trait that breaks a national rule (« identifiant invalide »).
 *
 * <p>Carries a machine-readable {@link Reason}, the name of the offending field and a French message
 * meant for people. The message is fixed per reason and never contains the submitted value: a NIR is
 * an indirectly identifying datum (CNIL) and must not end up in logs or error reports. The HTTP layer
 * maps this exception to a 400-class answer; a wrong identifier is never stored.
 */
public final class InvalidIdentifier extends RuntimeException implements fr.hygie.platform.web.RefusedInput {

    private static final long serialVersionUID = 1L;

    /**
     * Why an identifier was refused; one value per rule, so callers and tests can tell rules apart.
     * A NIA is built like a NIR, so the {@code NIR_*} structure reasons apply to it too (field {@code "nia"}).
     */
    public enum Reason {
        NIR_LENGTH("Le NIR doit comporter 15 caractères : 13 chiffres et une clé de 2 chiffres."),
        NIR_CHARACTERS("Le NIR ne doit contenir que des chiffres (2A ou 2B admis pour un département corse)."),
        NIR_SEX_DIGIT("Le premier chiffre du NIR doit être 1 (homme) ou 2 (femme)."),
        NIA_SEX_DIGIT("Le premier chiffre du NIA doit être 7 (homme) ou 8 (femme)."),
        NIR_MONTH("Le mois de naissance du NIR doit être compris entre 01 et 12, ou être un code de mois inconnu (20 à 42, 50 à 99)."),
        NIR_DEPARTEMENT("Le département de naissance du NIR n'existe pas."),
        NIR_COMMUNE("Le code de commune ou de pays de naissance du NIR n'est pas valide."),
        NIR_ORDER("Le numéro d'ordre du NIR ne peut pas être 000."),
        NIR_KEY("La clé du NIR ne correspond pas aux 13 premiers chiffres."),
        NIR_SEX_MISMATCH("Le sexe ne correspond pas au premier chiffre du matricule INS."),
        NIR_BIRTH_YEAR_MISMATCH("L'année de naissance ne correspond pas au matricule INS."),
        NIR_BIRTH_MONTH_MISMATCH("Le mois de naissance ne correspond pas au matricule INS."),
        NIR_BIRTH_PLACE_MISMATCH("Le lieu de naissance ne correspond pas au matricule INS."),
        INS_STATUS("Une identité portant un matricule INS doit avoir le statut « récupérée » ou « qualifiée »."),
        INS_STATUS_WITHOUT_INS("Une identité sans matricule INS a le statut « provisoire » ou « validée »."),
        BIRTH_NAME("Le nom de naissance est obligatoire et ne peut contenir que des lettres, espaces, tirets et apostrophes."),
        BIRTH_FIRST_NAMES("Les prénoms de naissance sont obligatoires et ne peuvent contenir que des lettres, espaces, tirets et apostrophes."),
        BIRTH_DATE("La date de naissance est obligatoire et ne peut pas être dans le futur."),
        SEX("Le sexe est obligatoire."),
        BIRTH_PLACE("Le lieu de naissance doit être un code commune INSEE ou un code pays INSEE (99xxx)."),
        INSEE_CODE("Le code commune INSEE doit comporter 5 caractères : département (2 chiffres, 2A, 2B ou 97x) puis commune."),
        RPPS_LENGTH("Le numéro RPPS doit comporter 11 chiffres."),
        RPPS_CHARACTERS("Le numéro RPPS ne doit contenir que des chiffres."),
        RPPS_CHECK_DIGIT("Le dernier chiffre du numéro RPPS (clé de Luhn) ne correspond pas aux 10 premiers."),
        FINESS_LENGTH("Le numéro FINESS doit comporter 9 caractères."),
        FINESS_CHARACTERS("Le numéro FINESS ne doit contenir que des chiffres (2A ou 2B admis pour la Corse)."),
        FINESS_DEPARTEMENT("Les premiers caractères du numéro FINESS ne désignent pas un département."),
        FINESS_CHECK_DIGIT("Le dernier chiffre du numéro FINESS (clé de Luhn) ne correspond pas aux 8 premiers."),
        PROFESSION_UNKNOWN("Cette profession ne figure pas dans la nomenclature des professions de santé."),
        SPECIALTY_UNKNOWN("Cette spécialité ne figure pas dans la nomenclature des spécialités ordinales."),
        SPECIALTY_NOT_FOR_PROFESSION("Cette spécialité ne relève pas de la profession indiquée.");

        private final String message;

        Reason(String message) {
            this.message = message;
        }

        /** The French message shown to people; contains no identifier value. */
        public String message() {
            return message;
        }
    }

    private final Reason reason;
    private final String field;

    public InvalidIdentifier(Reason reason, String field) {
        super(Objects.requireNonNull(reason, "reason").message());
        this.reason = reason;
        this.field = Objects.requireNonNull(field, "field");
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String code() {
        return reason.name();
    }

    @Override
    /** Name of the refused field, e.g. {@code "nir"}, {@code "rpps"}, {@code "birthName"}. */
    public String field() {
        return field;
    }
}
