package io.pledge.intake.privacy;

import io.smallrye.config.ConfigMapping;

/** Keys protecting customer contact data (keys {@code intake.privacy.*}); in production from the environment only. */
@ConfigMapping(prefix = "intake.privacy")
public interface PrivacyConfig {

    /** {@code id:base64key[,id:base64key...]}: every AES-256 key that may have encrypted a stored value. */
    String keys();

    /** The id of the key new data is encrypted with. */
    String activeKey();

    /** Base64 HMAC-SHA256 key (at least 32 bytes) for look-up hashes of phone numbers and e-mail addresses. */
    String hashKey();
}
