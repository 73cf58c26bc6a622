package fr.hygie.territory;

import fr.hygie.platform.HygieProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * In demo mode, imports the bundled sample environment dataset ({@code territory/demo-environment.csv}, the output
 * of hygie-synth's {@code EnvironmentSamples} with the default seed; a test keeps them identical) when no
 * environment data exist yet. Fictitious values, labelled as such on the pages.
 */
@Component
@Order(30)
class TerritoryDemoData implements ApplicationRunner {

    static final String SAMPLE = "territory/demo-environment.csv";
    private static final Logger LOG = LoggerFactory.getLogger(TerritoryDemoData.class);

    private final HygieProperties properties;
    private final EnvironmentData environment;
    private final boolean cli;

    TerritoryDemoData(HygieProperties properties, EnvironmentData environment, @Value("${hygie.cli.active:false}") boolean cli) {
        this.properties = properties;
        this.environment = environment;
        this.cli = cli;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.demo().enabled() || cli || !environment.isEmpty()) {
            return;
        }
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(SAMPLE)) {
            if (in == null) {
                return;
            }
            ImportReport report = environment.importCsv("demo-environment.csv", new InputStreamReader(in, StandardCharsets.UTF_8), "démonstration");
            LOG.info("Demo environment dataset: imported={} values={} errors={}", report.imported(), report.values(), report.errors().size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
