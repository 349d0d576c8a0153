package io.pledge.notify.alert;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A person's mailbox on the real SMTP server of the tests (GreenMail, deploy/local/greenmail.sh),
 * read by IMAP as a mail client would: authentication is off there, the address is the login.
 */
final class Mailbox {

    /** A received mail. */
    record Mail(String subject, String text) {
    }

    private static final String HOST = "127.0.0.1";
    private static final int IMAP_PORT = Integer.parseInt(System.getenv().getOrDefault("GREENMAIL_IMAP_PORT", "3143"));

    private Mailbox() {
    }

    /** What has arrived for {@code address}, oldest first. */
    static List<Mail> of(String address) {
        Properties properties = new Properties();
        properties.put("mail.imap.connectiontimeout", "5000");
        properties.put("mail.imap.timeout", "5000");
        try (Store store = Session.getInstance(properties).getStore("imap")) {
            store.connect(HOST, IMAP_PORT, address, address);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                List<Mail> mails = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    mails.add(new Mail(message.getSubject(), message.getContent().toString().strip()));
                }
                return mails;
            } finally {
                inbox.close(false);
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot read the mailbox of " + address + " on " + HOST + ":" + IMAP_PORT
                    + " (is GreenMail running? bash deploy/local/greenmail.sh start)", e);
        }
    }
}
