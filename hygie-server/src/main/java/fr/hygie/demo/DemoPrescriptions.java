package fr.hygie.demo;

import fr.hygie.access.Actor;
import fr.hygie.identity.Accounts;
import fr.hygie.journal.JournalChannel;
import fr.hygie.prescriptions.Accepted;
import fr.hygie.prescriptions.Prescription;
import fr.hygie.prescriptions.PrescriptionKind;
import fr.hygie.prescriptions.Prescriptions;
import fr.hygie.prescriptions.Signed;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo e-prescriptions for {@code patient}, written by {@code medecin}: one dispensed by {@code pharmacien}
 * (with a substitution and a partial quantity, so the receipt and "a pharmacy you used" show), one
 * medication prescription and one laboratory prescription ready to be presented.
 */
@Component
class DemoPrescriptions {

    private final Accounts accounts;
    private final Prescriptions prescriptions;
    private final TransactionTemplate tx;

    DemoPrescriptions(Accounts accounts, Prescriptions prescriptions, TransactionTemplate tx) {
        this.accounts = accounts;
        this.prescriptions = prescriptions;
        this.tx = tx;
    }

    void load(DemoCast cast) {
        Actor medecin = Actor.of(accounts.loadUserByUsername("medecin"));
        Actor pharmacien = Actor.of(accounts.loadUserByUsername("pharmacien"));
        JournalChannel ch = JournalChannel.SYSTEM;
        tx.executeWithoutResult(s -> {
            Prescription done = prescriptions.draft(medecin, cast.patient("patient"), PrescriptionKind.MEDICATION, ch);
            prescriptions.addLine(medecin, done.id(), "M014", "1 gélule matin, midi et soir pendant 7 jours", 2, ch);
            prescriptions.addLine(medecin, done.id(), "M002", "1 comprimé si douleur, jusqu'à 3 par jour", 2, ch);
            Signed signed = prescriptions.sign(medecin, done.id(), ch);
            Accepted accepted = prescriptions.accept(pharmacien, signed.prescription().number().value(), signed.accessCode().value(), ch);
            prescriptions.dispense(pharmacien, done.id(), accepted.secret(), 1, null, 2, ch);
            prescriptions.dispense(pharmacien, done.id(), accepted.secret(), 2, "M001", 1, ch);
            prescriptions.complete(pharmacien, done.id(), accepted.secret(), ch);

            Prescription ready = prescriptions.draft(medecin, cast.patient("patient"), PrescriptionKind.MEDICATION, ch);
            prescriptions.addLine(medecin, ready.id(), "M073", "1 comprimé le soir", 3, ch);
            prescriptions.sign(medecin, ready.id(), ch);

            Prescription lab = prescriptions.draft(medecin, cast.patient("patient"), PrescriptionKind.LAB, ch);
            prescriptions.addLine(medecin, lab.id(), "L007", "à jeun", 1, ch);
            prescriptions.addLine(medecin, lab.id(), "L004", "", 1, ch);
            prescriptions.sign(medecin, lab.id(), ch);
        });
    }
}
