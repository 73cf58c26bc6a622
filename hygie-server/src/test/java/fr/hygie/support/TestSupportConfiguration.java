package fr.hygie.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/** Test-only beans, imported by {@link HygieIntegrationTest}. */
@TestConfiguration(proxyBeanMethods = false)
@Import({Cast.class, AsyncListeners.class})
public class TestSupportConfiguration {
}
