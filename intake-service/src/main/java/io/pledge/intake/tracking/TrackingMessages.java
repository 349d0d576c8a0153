package io.pledge.intake.tracking;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The tracking page's words: English here, Simplified Chinese in messages/msg_zh_CN.properties. */
@MessageBundle(locale = "en")
public interface TrackingMessages {

    @Message("Your request")
    String title();

    @Message("Status")
    String statusHeading();

    @Message("We are working on your request.")
    String status_open();

    @Message("We are waiting for your reply.")
    String status_pendingCustomer();

    @Message("Your request is on hold; we will contact you as soon as we can continue.")
    String status_onHold();

    @Message("Your request is resolved. Reply to us if the problem persists.")
    String status_resolved();

    @Message("Your request is closed.")
    String status_closed();

    @Message("Next step")
    String nextStepHeading();

    @Message("We will reply by")
    String promise_reply();

    @Message("We will resolve your request by")
    String promise_resolve();

    @Message("We will send you an update by")
    String promise_update();

    @Message("Our next step is due by")
    String promise_other();

    @Message("Our last update")
    String lastUpdateHeading();

    @Message("No update yet.")
    String noUpdate();

    @Message("This link does not work")
    String notFound_title();

    @Message("The tracking link is unknown or has expired. Please contact us and we will send you a new one.")
    String notFound_text();

    /** How the server writes an instant (a {@link java.time.format.DateTimeFormatter} pattern), before the page's script shows it in the device's zone. */
    @Message("HH:mm, d MMM")
    String dateTimePattern();
}
