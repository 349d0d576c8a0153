package io.pledge.intake.privacy;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.Base64;

/** Builds the one {@link FieldCipher} from configuration; a bad key fails the start, not a request. */
@Singleton
public class CipherProducer {

    @Produces
    @Singleton
    FieldCipher fieldCipher(PrivacyConfig config) {
        return new FieldCipher(FieldCipher.parseKeys(config.keys()), config.activeKey(),
                Base64.getDecoder().decode(config.hashKey()));
    }
}
