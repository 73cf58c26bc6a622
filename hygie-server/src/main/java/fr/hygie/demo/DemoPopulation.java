package fr.hygie.demo;

import fr.hygie.identity.Accounts;
import fr.hygie.platform.HygieProperties;
import fr.hygie.synth.GenerationSpec;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the demo population on the first start in demo mode (no demo account yet): the named cast,
 * then the generated population. Nothing happens outside demo mode nor when a subcommand runs.
 */
@Component
@Order(10)
class DemoPopulation implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoPopulation.class);

    private final HygieProperties properties;
    private final Accounts accounts;
    private final DemoIdentities identities;
    private final TransactionTemplate tx;
    private final SyntheticPopulationLoader synthetic;
    private final DemoRecords records;
    private final DemoAppointments appointments;
    private final DemoOversight oversight;
    private final DemoResearch research;
    private final DemoMessaging messaging;
    private final DemoCatalogue catalogue;
    private final DemoPrescriptions prescriptions;
    private final BenchLogins benchLogins;
    private final boolean cli;
    private final boolean background;

    DemoPopulation(HygieProperties properties, Accounts accounts, DemoIdentities identities, TransactionTemplate tx,
            SyntheticPopulationLoader synthetic, DemoRecords records, DemoAppointments appointments, DemoOversight oversight,
            DemoResearch research, DemoMessaging messaging, DemoCatalogue catalogue, DemoPrescriptions prescriptions,
            BenchLogins benchLogins, @Value("${hygie.cli.active:false}") boolean cli, @Value("${hygie.demo.background:true}") boolean background) {
        this.background = background;
        this.properties = properties;
        this.accounts = accounts;
        this.identities = identities;
        this.tx = tx;
        this.synthetic = synthetic;
        this.records = records;
        this.appointments = appointments;
        this.oversight = oversight;
        this.research = research;
        this.messaging = messaging;
        this.catalogue = catalogue;
        this.prescriptions = prescriptions;
        this.benchLogins = benchLogins;
        this.cli = cli;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.demo().enabled() || cli) {
            return;
        }
        load();
    }

    /** Loads the cast unless it is already there; returns it when it was loaded now. */
    Optional<DemoCast> load() {
        if (accounts.countDemoAccounts() > 0) {
            return Optional.empty();
        }
        long start = System.nanoTime();
        String hash = accounts.hash(properties.demo().password());
        DemoCast cast = tx.execute(status -> identities.register(hash));
        tx.executeWithoutResult(status -> records.load(cast, identities.today()));
        log.info("Demo cast loaded in {} ms ({} accounts)", (System.nanoTime() - start) / 1_000_000, cast.accounts().size());
        Runnable rest = () -> loadTheRest(cast, hash);
        if (background) {
            // The named cast can log in at once; the generated population follows while the server serves.
            Thread loader = new Thread(rest, "hygie-demo-population");
            loader.setDaemon(true);
            loader.start();
        } else {
            rest.run();
        }
        return Optional.of(cast);
    }

    private void loadTheRest(DemoCast cast, String hash) {
        long start = System.nanoTime();
        if (properties.demo().persons() > 0) {
            var summary = synthetic.load(new GenerationSpec(properties.demo().persons(), properties.demo().seed()), done -> { });
            log.info("Generated demo population loaded: {} persons, {} professionals, {} structures in {} ms",
                    summary.persons(), summary.professionals(), summary.structures(), summary.millis());
            benchLogins.open(new GenerationSpec(properties.demo().persons(), properties.demo().seed()), hash);
        }
        appointments.load(cast, properties.demo().persons() > 0
                ? new GenerationSpec(properties.demo().persons(), properties.demo().seed()) : null);
        oversight.load(cast);
        tx.executeWithoutResult(status -> research.load(cast, properties.demo().persons() > 0
                ? new GenerationSpec(properties.demo().persons(), properties.demo().seed()) : null));
        messaging.load(cast);
        catalogue.load();
        prescriptions.load(cast);
        log.info("Demo population complete in {} ms", (System.nanoTime() - start) / 1_000_000);
    }
}
