package fr.hygie.notifications.internal;

import fr.hygie.access.EmergencyAccessOpened;
import fr.hygie.access.NotificationChannel;
import fr.hygie.access.NotificationKind;
import fr.hygie.access.ProfessionalAuthorised;
import fr.hygie.access.SharingSettings;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.notifications.OutboxChannel;
import fr.hygie.record.DocumentAdded;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns what happened in a person's space into notifications through the channels they chose. The
 * texts are fixed sentences: no document type, no title, no professional's specialty, no health data.
 * A new document is notified in the change's own transaction ({@link #on(DocumentAdded)}). The other
 * listeners run after the commit of the change, asynchronously, in their own transaction
 * ({@code @ApplicationModuleListener}): the request's thread has given its pooled connection back before a
 * notification takes one (issue 13: a synchronous after-commit listener opened a second transaction while the
 * upload's connection was still bound, and 32 concurrent uploads emptied a pool of 20). The person sees the
 * notification a moment later; the event publication registry, written in the change's own transaction, keeps
 * any notification not yet written (failure, crash) and replays it on restart, so none is lost. For the same reason
 * a listener's transaction commits without waiting for the disk ({@link NotificationWriter#commitWithoutWaitingForTheDisk}),
 * and so does the completion of its publication ({@code platform.database.RelaxedPublicationCompletion}).
 */
@Component
class NotificationPolicy {

    static final String NEW_DOCUMENT = "Un nouveau document a été ajouté à votre espace santé.";
    static final String NEW_AUTHORISATION = "Un professionnel de santé a été ajouté à votre équipe de soins.";
    static final String EMERGENCY = "Votre dossier a été consulté en urgence par un professionnel de santé. "
            + "Connectez-vous pour voir qui, quand et pourquoi.";
    static final String SUBJECT = "Votre espace santé Hygie";

    private final SharingSettings settings;
    private final Patients patients;
    private final NotificationWriter writer;

    NotificationPolicy(SharingSettings settings, Patients patients, NotificationWriter writer) {
        this.settings = settings;
        this.patients = patients;
        this.writer = writer;
    }

    /**
     * A new document's notification is written in the change's own transaction, just before its commit (issue 13):
     * the upload is the busiest change, and through the registry each one cost a publication row, then three more
     * transactions (publication marked processing, the listener's, publication marked completed), about ten round
     * trips and three commits. Here it costs the person's channels and the notification's row, on the upload's own
     * connection (no second pooled connection, the reason the listener was asynchronous) and in its durable commit:
     * the notification exists exactly when the document does, never lost, never written twice, nothing to republish.
     * Never {@link NotificationWriter#commitWithoutWaitingForTheDisk} here: it would relax the upload's own commit.
     * A change published outside a transaction notifies nobody ({@code fallbackExecution} false): every publisher of
     * {@link DocumentAdded} ({@code Documents.add}, {@code release}, {@code supersede}) is transactional.
     */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(DocumentAdded event) {
        notify(event.patient(), NotificationKind.NEW_DOCUMENT, NEW_DOCUMENT);
    }

    @ApplicationModuleListener
    void on(ProfessionalAuthorised event) {
        writer.commitWithoutWaitingForTheDisk();
        notify(event.patient(), NotificationKind.NEW_AUTHORISATION, NEW_AUTHORISATION);
    }

    @ApplicationModuleListener
    void on(EmergencyAccessOpened event) {
        writer.commitWithoutWaitingForTheDisk();
        notify(event.patient(), NotificationKind.EMERGENCY_ACCESS, EMERGENCY);
    }

    void notify(PatientId patient, NotificationKind kind, String text) {
        var channels = settings.notificationChannels(patient, kind);
        if (channels.contains(NotificationChannel.APP)) {
            writer.app(patient, kind.name(), text);
        }
        if (!channels.contains(NotificationChannel.EMAIL) && !channels.contains(NotificationChannel.SMS)) {
            return; // in-app only (the default): the person's contact details are not needed (one statement fewer)
        }
        var contact = patients.contact(patient);
        if (channels.contains(NotificationChannel.EMAIL) && contact.email() != null) {
            writer.outbox(OutboxChannel.EMAIL, patient, contact.email(), SUBJECT, text);
        }
        if (channels.contains(NotificationChannel.SMS) && contact.phone() != null) {
            writer.outbox(OutboxChannel.SMS, patient, contact.phone(), null, text);
        }
    }
}
