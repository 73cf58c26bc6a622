package fr.hygie.notifications.internal;

import fr.hygie.notifications.MessageSender;
import fr.hygie.notifications.OutboxChannel;
import fr.hygie.notifications.OutboxMessage;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Default senders: they only log that a message left (channel, id, masked recipient), so that a demo or
 * a test machine never sends a real SMS or e-mail. Operators replace them with real gateways.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class LoggingMessageSender {

    private static final Logger log = LoggerFactory.getLogger(LoggingMessageSender.class);

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    MessageSender loggingEmailSender() {
        return sender(OutboxChannel.EMAIL);
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    MessageSender loggingSmsSender() {
        return sender(OutboxChannel.SMS);
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    MessageSender loggingLetterSender() {
        return sender(OutboxChannel.LETTER);
    }

    private static MessageSender sender(OutboxChannel channel) {
        return new MessageSender() {
            @Override
            public OutboxChannel channel() {
                return channel;
            }

            @Override
            public void send(OutboxMessage m) {
                String r = m.recipient();
                String masked = r.length() <= 4 ? "****" : r.substring(0, 2) + "****" + r.substring(r.length() - 2);
                log.info("Outbox {} message {} delivered to {} (logging channel)", channel, m.id(), masked);
            }
        };
    }
}
