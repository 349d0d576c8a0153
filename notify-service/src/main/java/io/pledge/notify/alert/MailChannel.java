package io.pledge.notify.alert;

import io.pledge.notify.recipient.Staff;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Alerts by e-mail, through the SMTP server of quarkus.mailer.* (GreenMail locally, the operator's relay in production). */
@ApplicationScoped
public class MailChannel {

    @Inject
    Mailer mailer;

    public void send(Staff to, MessageRenderer.Message message) throws SendFailure {
        try {
            mailer.send(Mail.withText(to.email(), message.subject(), message.text()));
        } catch (RuntimeException e) {
            // the relay away, refusing, or timing out: all worth another try later
            throw new SendFailure("SMTP: " + describe(e), false, e);
        }
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return text.length() > 500 ? text.substring(0, 500) : text;
    }
}
