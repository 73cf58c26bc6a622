-- Appointment confirmations and reminders now go through the notifications module's outbox. One-off
-- hand-over: the messages not sent yet (nor withdrawn) move there with their booking as reference, then
-- the appointments outbox is dropped. Texts were already free of health data (no specialty, no reason).
INSERT INTO notifications.outbox (id, channel, patient_id, recipient, subject, text, due_at, attempts, created_at,
                                  reference_id, kind)
SELECT o.id, o.channel, b.patient_id, o.recipient,
       CASE WHEN o.channel = 'EMAIL' THEN 'Votre rendez-vous Hygie' END,
       o.text, o.due_at, o.attempts, now(), o.booking_id, o.kind
FROM appointments.outbox o
LEFT JOIN appointments.booking b ON b.id = o.booking_id
WHERE o.sent_at IS NULL AND o.cancelled_at IS NULL
ON CONFLICT (id) DO NOTHING;

DROP TABLE appointments.outbox;
