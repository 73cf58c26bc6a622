package fr.hygie.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;

/**
 * Which check the role interceptor makes for a handler (issue 13): role expressions are read once into the authorities
 * they name; anything else is left to Spring Security's expression handler, and expressions naming a parameter are
 * not checked before binding. The refusals themselves are checked over every route by {@code RouteMatrixTest}.
 */
class RolesBeforeBindingTest {

    @Test
    void roleExpressionsAreReadIntoTheirAuthoritiesOthersAreLeftToSpring() throws Exception {
        assertThat(check("one").roles()).isEqualTo(Set.of("ROLE_PROFESSIONAL"));
        assertThat(check("any").roles()).isEqualTo(Set.of("ROLE_ADMIN", "ROLE_AUDITOR", "ROLE_REGIONAL_AGENCY"));
        assertThat(check("classLevel").roles()).isEqualTo(Set.of("ROLE_PATIENT", "ROLE_REPRESENTATIVE"));
        assertThat(check("other").roles()).as("evaluated by Spring").isNull();
        assertThat(check("prefixed").roles()).as("evaluated by Spring").isNull();
        assertThat(check("named")).isSameAs(RolesBeforeBinding.Check.NONE);
    }

    private static RolesBeforeBinding.Check check(String method) throws Exception {
        Object bean = "classLevel".equals(method) ? new ClassLevel() : new Handlers();
        return RolesBeforeBinding.checkOf(new HandlerMethod(bean, bean.getClass().getDeclaredMethod(method)));
    }

    static class Handlers {
        @PreAuthorize("hasRole('PROFESSIONAL')")
        void one() {
        }

        @PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR','REGIONAL_AGENCY')")
        void any() {
        }

        @PreAuthorize("isAuthenticated() and hasRole('ADMIN')")
        void other() {
        }

        @PreAuthorize("hasRole('ROLE_ADMIN')")
        void prefixed() {
        }

        @PreAuthorize("hasRole('ADMIN') and #id != null")
        void named() {
        }
    }

    @PreAuthorize("hasAnyRole('PATIENT', 'REPRESENTATIVE')")
    static class ClassLevel {
        void classLevel() {
        }
    }
}
