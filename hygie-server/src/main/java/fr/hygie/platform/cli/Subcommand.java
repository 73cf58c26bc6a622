package fr.hygie.platform.cli;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Component;

/**
 * Marks a {@link HygieCommand} as a subcommand of {@code ./hygie}: {@code name} may hold two words
 * ({@code "journal verify"}). The help lists these without starting the server.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Component
public @interface Subcommand {
    String name();

    String summary();

    String usage() default "";
}
