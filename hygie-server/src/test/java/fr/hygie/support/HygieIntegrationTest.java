package fr.hygie.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole server on a random port, real PostgreSQL, demo population loaded. Every class using this
 * annotation shares one Spring context (and so one database): tests create their own data or use the
 * demo cast, and never assume an empty table.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.springframework.context.annotation.Import(TestSupportConfiguration.class)
public @interface HygieIntegrationTest {
}
