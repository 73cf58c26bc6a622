package fr.hygie.oversight;

import fr.hygie.identity.Patient;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The scheduled platform job of the prevention reminders (weekly by default, and on demand by an admin):
 * every person, 500 at a time, each batch in its own transaction so that a suspension stops the next
 * batch at once. Logs counts only, never a person.
 */
@Component
public class PreventionJob {

    private static final Logger log = LoggerFactory.getLogger(PreventionJob.class);
    static final int BATCH = 500;

    private final Patients patients;
    private final PreventionReminders reminders;
    private final AtomicBoolean running = new AtomicBoolean();

    PreventionJob(Patients patients, PreventionReminders reminders) {
        this.patients = patients;
        this.reminders = reminders;
    }

    @Scheduled(cron = "${hygie.oversight.prevention.cron:0 30 3 * * MON}", zone = "Europe/Paris")
    void weekly() {
        runAll();
    }

    /** Runs over everyone; a second run while one is going is refused. */
    public GenerationReport runAll() {
        if (!running.compareAndSet(false, true)) {
            return GenerationReport.notRun(Outcome.Wording.RUN_ALREADY_GOING);
        }
        try {
            int evaluated = 0;
            int skipped = 0;
            int created = 0;
            PatientId after = null;
            while (true) {
                List<Patient> page = patients.page(after, BATCH);
                if (page.isEmpty()) {
                    break;
                }
                GenerationReport r = reminders.generate(page);
                if (!r.ran()) {
                    log.info("Prevention reminders not run: algorithm not active");
                    return evaluated == 0 ? r : new GenerationReport(true, r.refusal(), evaluated, skipped, created, r.refusalWording(), r.refusalArgs());
                }
                evaluated += r.evaluated();
                skipped += r.skippedOptedOut();
                created += r.created();
                after = page.get(page.size() - 1).id();
            }
            log.info("Prevention reminders: {} persons evaluated, {} opted out, {} suggestions waiting for validation",
                    evaluated, skipped, created);
            return new GenerationReport(true, null, evaluated, skipped, created);
        } finally {
            running.set(false);
        }
    }
}
