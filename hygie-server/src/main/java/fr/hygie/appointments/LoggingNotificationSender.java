package fr.hygie.appointments;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default channel: writes a line per message instead of sending it. The recipient is masked and
 * the text is not logged (it names a person and a time: personal data, not for logs).
 */
public final class LoggingNotificationSender implements NotificationSender {

    private static final Logger log = LoggerFactory.getLogger(LoggingNotificationSender.class);

    private final Channel channel;

    public LoggingNotificationSender(Channel channel) {
        this.channel = channel;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public void send(String recipient, String text) {
        log.info("Notification {} to {} ({} characters) handed to the logging channel", channel, mask(recipient), text.length());
    }

    static String mask(String recipient) {
        if (recipient == null || recipient.length() < 4) {
            return "***";
        }
        return "***" + recipient.substring(recipient.length() - 2);
    }
}
