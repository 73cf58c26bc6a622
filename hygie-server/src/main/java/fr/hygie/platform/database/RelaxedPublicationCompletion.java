package fr.hygie.platform.database;

import java.util.Set;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The bookkeeping of an event publication (marked processing, then completed) commits without waiting for its WAL
 * flush (issue 13: two durable commits fewer per upload, whose notification costs a transaction of its own).
 *
 * <p>Why durability is kept. Spring Modulith (2.0) writes the publication in the change's own transaction (durable,
 * with the change), marks it processing in a dedicated transaction ({@code REQUIRES_NEW}), runs the listener in its
 * own transaction, then marks the publication completed in another dedicated transaction. "Processing" is a status
 * that a crash may lose without harm (the publication stays incomplete). The completion only says "do not run this listener again": if a crash
 * loses it, the publication is incomplete at restart and republished, so its listener runs again. PostgreSQL flushes
 * its WAL in order, so a completion cannot survive a crash that loses the listener's own (earlier) commit: relaxing
 * the completion never loses a listener's effect; at worst a listener whose effect was durable runs a second time
 * after a crash, which the registry already allowed (a crash between the two commits). Listeners whose effect is
 * itself relaxed (the notifications) are lost or kept together with their completion.
 *
 * <p>How: {@code SET LOCAL synchronous_commit TO off} inside those dedicated transactions, just before the repository
 * marks the publication processing or completed. {@code SET LOCAL} ends with the transaction, so the pooled connection goes back
 * unchanged; without a transaction (autocommit) nothing is relaxed.
 */
@Configuration(proxyBeanMethods = false)
class RelaxedPublicationCompletion {

    /** The repository's methods that only record the progress of a publication, each in its own transaction. */
    private static final Set<String> COMPLETIONS = Set.of("markProcessing", "markCompleted");

    @Bean
    static BeanPostProcessor relaxedPublicationCompletionPostProcessor(ObjectProvider<JdbcTemplate> jdbc) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof EventPublicationRepository)) {
                    return bean;
                }
                ProxyFactory proxy = new ProxyFactory(bean);
                proxy.addAdvice((MethodInterceptor) invocation -> {
                    if (COMPLETIONS.contains(invocation.getMethod().getName())
                            && TransactionSynchronizationManager.isActualTransactionActive()
                            && !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
                        jdbc.getObject().execute("SET LOCAL synchronous_commit TO off");
                    }
                    return invocation.proceed();
                });
                return proxy.getProxy(bean.getClass().getClassLoader());
            }
        };
    }
}
