/**
 * E-prescription (« ordonnance numérique »), modelled on the German E-Rezept: a prescriber writes and
 * signs a prescription ({@code DRAFT → READY}); it lands in the patient's space as a record document
 * (type 57833-6, a PDF with a QR code); a pharmacy accepts it with its number and access code
 * ({@code → IN_PROGRESS}, with a secret only that pharmacy holds), may hand it back ({@code → READY}),
 * dispenses line by line and completes it ({@code → COMPLETED}) with a receipt signed by the platform
 * (Ed25519). The prescriber may cancel before dispensing; a READY prescription expires by time.
 *
 * <p>QR payload (also printed on the PDF): {@code HYGIE-ORD:1:<number>:<access code>}, e.g.
 * {@code HYGIE-ORD:1:7K3M-Q9XA-2RT5:8F2C-JW0N-TQ4V-MZ7H}. The number is 11 Crockford base-32 characters
 * plus one Luhn mod 32 check character; the access code is 16 random Crockford base-32 characters
 * (80 bits). Only SHA-256 hashes of the access code and of the pharmacy's secret are stored here.
 *
 * <p>Every transition and every read is journaled ({@code MedicationRequest} / {@code MedicationDispense},
 * in the patient's chain). Illegal transitions are refused with the current state named (HTTP 409).
 */
package fr.hygie.prescriptions;
