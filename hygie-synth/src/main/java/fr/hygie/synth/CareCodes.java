package fr.hygie.synth;

import java.util.Map;

/**
 * National code values used by the generator, in one place so that they can be checked and
 * corrected against the official lists (ANS nomenclatures: TRE_G15 professions, TRE_R38 specialties,
 * LOINC document types of the DMP).
 */
public final class CareCodes {

    private CareCodes() {
    }

    // TRE_G15 — profession de santé
    public static final String PROFESSION_MEDECIN = "10";
    public static final String PROFESSION_PHARMACIEN = "21";
    public static final String PROFESSION_CHIRURGIEN_DENTISTE = "40";
    public static final String PROFESSION_SAGE_FEMME = "50";
    public static final String PROFESSION_INFIRMIER = "60";
    public static final String PROFESSION_MASSEUR_KINESITHERAPEUTE = "70";
    public static final String PROFESSION_PEDICURE_PODOLOGUE = "80";

    public static final Map<String, String> PROFESSION_LABELS = Map.of(
            PROFESSION_MEDECIN, "Médecin",
            PROFESSION_PHARMACIEN, "Pharmacien",
            PROFESSION_CHIRURGIEN_DENTISTE, "Chirurgien-dentiste",
            PROFESSION_SAGE_FEMME, "Sage-femme",
            PROFESSION_INFIRMIER, "Infirmier",
            PROFESSION_MASSEUR_KINESITHERAPEUTE, "Masseur-kinésithérapeute",
            PROFESSION_PEDICURE_PODOLOGUE, "Pédicure-podologue");

    // Specialties of doctors (savoir-faire, TRE_R38 style SM codes)
    public static final String SPECIALTY_MEDECINE_GENERALE = "SM54";
    public static final String SPECIALTY_CARDIOLOGIE = "SM04";
    public static final String SPECIALTY_DERMATOLOGIE = "SM15";
    public static final String SPECIALTY_GYNECOLOGIE_OBSTETRIQUE = "SM20";
    public static final String SPECIALTY_OPHTALMOLOGIE = "SM38";
    public static final String SPECIALTY_PEDIATRIE = "SM40";
    public static final String SPECIALTY_PSYCHIATRIE = "SM42";
    public static final String SPECIALTY_RADIODIAGNOSTIC = "SM44";

    public static final Map<String, String> SPECIALTY_LABELS = Map.of(
            SPECIALTY_MEDECINE_GENERALE, "Médecine générale",
            SPECIALTY_CARDIOLOGIE, "Cardiologie et maladies vasculaires",
            SPECIALTY_DERMATOLOGIE, "Dermatologie et vénéréologie",
            SPECIALTY_GYNECOLOGIE_OBSTETRIQUE, "Gynécologie-obstétrique",
            SPECIALTY_OPHTALMOLOGIE, "Ophtalmologie",
            SPECIALTY_PEDIATRIE, "Pédiatrie",
            SPECIALTY_PSYCHIATRIE, "Psychiatrie",
            SPECIALTY_RADIODIAGNOSTIC, "Radiodiagnostic et imagerie médicale");

    // LOINC document types
    public static final String DOC_LAB_REPORT = "11502-2";
    public static final String DOC_DISCHARGE_SUMMARY = "18842-5";
    public static final String DOC_PRESCRIPTION = "57833-6";
    public static final String DOC_IMAGING_REPORT = "18748-4";
    public static final String DOC_CONSULT_NOTE = "11488-4";
    public static final String DOC_SUMMARY = "34133-9";

    public static final Map<String, String> DOCUMENT_TYPE_LABELS = Map.of(
            DOC_LAB_REPORT, "CR d'examens biologiques",
            DOC_DISCHARGE_SUMMARY, "Lettre de liaison de sortie / CR d'hospitalisation",
            DOC_PRESCRIPTION, "Prescription de produits de santé",
            DOC_IMAGING_REPORT, "CR d'imagerie médicale",
            DOC_CONSULT_NOTE, "CR de consultation",
            DOC_SUMMARY, "Synthèse");

    // LOINC observations (measurements)
    public static final String OBS_WEIGHT = "29463-7";
    public static final String OBS_HEIGHT = "8302-2";
    public static final String OBS_BMI = "39156-5";
    public static final String OBS_SYSTOLIC = "8480-6";
    public static final String OBS_DIASTOLIC = "8462-4";
    public static final String OBS_CAPILLARY_GLUCOSE = "2339-0";
    /** Organised breast cancer screening: LOINC "MG Breast Screening", valued with the ACR category (1 to 5). */
    public static final String OBS_MAMMOGRAPHY_SCREENING = "24606-6";
    /** Organised colorectal cancer screening: immunological faecal occult blood test (FIT), 0 negative, 1 positive. */
    public static final String OBS_FIT = "29771-3";

    // ATC codes of vaccines (J07)
    public static final String VACCINE_HEXAVALENT = "J07CA09";
    public static final String VACCINE_PNEUMOCOCCAL = "J07AL02";
    public static final String VACCINE_MENINGOCOCCAL_C = "J07AH07";
    public static final String VACCINE_MENINGOCOCCAL_B = "J07AH09";
    public static final String VACCINE_MMR = "J07BD52";
    public static final String VACCINE_DTAP_IPV = "J07CA02";
    public static final String VACCINE_DT_IPV = "J07CA01";
    public static final String VACCINE_HPV = "J07BM03";
    public static final String VACCINE_INFLUENZA = "J07BB02";
    public static final String VACCINE_COVID19 = "J07BN01";
}
