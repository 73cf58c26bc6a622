package fr.hygie.demo;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.hygie.HygieApplication;
import fr.hygie.platform.StartupRefusal;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

class ProductionProfileTest {

    @Test
    void theProductionProfileRefusesDemoMode() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(HygieApplication.class)
                .web(WebApplicationType.NONE)
                .profiles("prod")
                .properties("hygie.demo.enabled=true", "hygie.keys.master-keyset=/nonexistent/for-this-test")
                .run().close())
                .hasRootCauseInstanceOf(RuntimeException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(refusal(e)).isNotNull());
    }

    private static StartupRefusal refusal(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StartupRefusal r) {
                return r;
            }
        }
        return null;
    }
}
