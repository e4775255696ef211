package org.causette.server.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.causette.server.config.MailSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;

/**
 * Sends one email over SMTP with Jakarta Mail (Eclipse Angus), as a site's {@code mail} settings say. Blocking: runs
 * on the mail workers, never on an event loop or a lane.
 */
final class SmtpMailer {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration IO_TIMEOUT = Duration.ofSeconds(30);

    /** One email: {@code messageId} is fixed by the caller, so a repeat after a crash carries the same one. */
    record Outgoing(String to, String subject, String plain, String html, String messageId, Instant date) {
    }

    /** A {@link MimeMessage} whose Message-ID is ours: Jakarta Mail would otherwise make a new one at each save. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    void send(MailSettings settings, Outgoing mail) throws MessagingException {
        Session session = Session.getInstance(properties(settings));
        MimeMessage message = new FixedIdMessage(session, mail.messageId());
        message.setFrom(new InternetAddress(settings.from(), true));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
        message.setSubject(mail.subject(), "UTF-8");
        message.setSentDate(Date.from(mail.date()));
        message.setHeader("Auto-Submitted", "auto-generated"); // RFC 3834: no out-of-office reply back to us
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(mail.plain(), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), "UTF-8", "html");
        // multipart/alternative: the plain part first, the richer last (RFC 2046); clients show the best they can.
        message.setContent(new MimeMultipart("alternative", plain, html));
        message.saveChanges();
        String protocol = settings.security() == MailSettings.Security.SMTPS ? "smtps" : "smtp";
        try (Transport transport = session.getTransport(protocol)) {
            transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    private static Properties properties(MailSettings settings) {
        Properties p = new Properties();
        String protocol = settings.security() == MailSettings.Security.SMTPS ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        p.setProperty(prefix + "connectiontimeout", Long.toString(CONNECT_TIMEOUT.toMillis()));
        p.setProperty(prefix + "timeout", Long.toString(IO_TIMEOUT.toMillis()));
        p.setProperty(prefix + "writetimeout", Long.toString(IO_TIMEOUT.toMillis()));
        p.setProperty(prefix + "auth", Boolean.toString(settings.username() != null));
        p.setProperty(prefix + "from", settings.fromAddress());
        if (settings.security() == MailSettings.Security.STARTTLS) {
            p.setProperty(prefix + "starttls.enable", "true");
            p.setProperty(prefix + "starttls.required", "true");
        }
        if (settings.security() != MailSettings.Security.NONE) {
            p.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        return p;
    }
}
