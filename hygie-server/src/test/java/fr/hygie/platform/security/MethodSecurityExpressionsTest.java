package fr.hygie.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.security.access.expression.method.MethodSecurityExpressionHandler;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * The role checks of {@code @PreAuthorize} are compiled after their first evaluations and decide as before: a role
 * the user has is granted, one he lacks is not, with the {@code ROLE_} prefix (issue 13, docs/benchmarks.md « Session 11
 * — the request's path outside our code, again »). No Spring context: the handler the configuration declares.
 */
class MethodSecurityExpressionsTest {

    private final MethodSecurityExpressionHandler handler =
            SecurityConfiguration.methodSecurityExpressionHandler(new StaticApplicationContext());

    private boolean decide(Expression expression, String... roles) throws Exception {
        var user = UsernamePasswordAuthenticationToken.authenticated("medecin", "n/a",
                java.util.Arrays.stream(roles).map(SimpleGrantedAuthority::new).toList());
        var invocation = new SimpleMethodInvocation(this, Object.class.getMethod("toString"));
        EvaluationContext context = handler.createEvaluationContext(user, invocation);
        return Boolean.TRUE.equals(expression.getValue(context, Boolean.class));
    }

    @Test
    void roleChecksAreCompiledAfterTheirFirstEvaluationsAndDecideAsBefore() throws Exception {
        for (String text : List.of("hasRole('PROFESSIONAL')", "hasAnyRole('ADMIN', 'AUDITOR', 'REGIONAL_AGENCY')")) {
            Expression expression = handler.getExpressionParser().parseExpression(text);
            assertThat(ReflectionTestUtils.getField(expression, "compiledAst")).as(text + " before").isNull();
            for (int i = 0; i < 150; i++) {
                assertThat(decide(expression, "ROLE_PROFESSIONAL", "ROLE_AUDITOR")).as(text).isTrue();
            }
            assertThat(ReflectionTestUtils.getField(expression, "compiledAst")).as(text + " compiled").isNotNull();
            assertThat(decide(expression, "ROLE_PROFESSIONAL", "ROLE_AUDITOR")).isTrue();
            assertThat(decide(expression, "ROLE_PATIENT")).as(text + " for a patient").isFalse();
            assertThat(decide(expression, "PROFESSIONAL", "AUDITOR")).as(text + " without the prefix").isFalse();
            assertThat(decide(expression)).as(text + " without any role").isFalse();
        }
    }
}
