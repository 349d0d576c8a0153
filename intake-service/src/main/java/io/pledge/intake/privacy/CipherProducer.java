package io.pledge.intake.privacy;

import io.pledge.intake.IntakeConfig;
import io.pledge.platform.security.DevelopmentKeys;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.Base64;
import java.util.Map;

/**
 * Builds the one {@link FieldCipher} from configuration; a bad key fails the start, not a request,
 * and so does, in production, a development key committed to the repository.
 */
@Singleton
public class CipherProducer {

    @Produces
    @Singleton
    FieldCipher fieldCipher(IntakeConfig intake) {
        IntakeConfig.Privacy config = intake.privacy();
        Map<String, byte[]> keys = FieldCipher.parseKeys(config.keys());
        keys.forEach((id, key) -> DevelopmentKeys.refuseInProduction("intake.privacy.keys " + id, key));
        byte[] hashKey = Base64.getDecoder().decode(config.hashKey());
        DevelopmentKeys.refuseInProduction("intake.privacy.hash-key", hashKey);
        return new FieldCipher(keys, config.activeKey(), hashKey);
    }

    /** Builds the cipher at start (a singleton is otherwise built on first use), so its checks stop the start. */
    void buildAtStart(@Observes StartupEvent started, FieldCipher cipher) {
        cipher.activeKeyId();
    }
}
