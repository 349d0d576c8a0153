package io.pledge.intake;

import io.smallrye.config.ConfigMapping;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;

/** intake-service's own settings (keys {@code intake.*}, in application.properties with their reasons). */
@ConfigMapping(prefix = "intake")
public interface IntakeConfig {

    Privacy privacy();

    Tracking tracking();

    /** Keys protecting customer contact data; in production from the environment only. */
    interface Privacy {

        /** {@code id:base64key[,id:base64key...]}: every AES-256 key that may have encrypted a stored value. */
        String keys();

        /** The id of the key new data is encrypted with. */
        String activeKey();

        /** Base64 HMAC-SHA256 key (at least 32 bytes) for look-up hashes of phone numbers and e-mail addresses. */
        String hashKey();
    }

    /** The customer's tracking link and page. */
    interface Tracking {

        /** How long a tracking link works after the ticket was opened. */
        Duration validity();

        /** Where customers reach this service; the link is {@code <publicBaseUrl>/t/{token}}. */
        URI publicBaseUrl();

        /** The zone the page states due instants in until its script shows them in the device's zone. */
        ZoneId timeZone();
    }
}
