package io.pledge.intake.privacy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The test profile and the locally run production profile (deploy/local/dev-secrets.env) share a
 * database, so they must encrypt with the same development keys.
 */
class DevSecretsTest {

    @Test
    void developmentKeysInConfigurationMatchDeployLocalDevSecrets() throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("../deploy/local/dev-secrets.env"))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        Properties config = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            config.load(in);
        }
        for (String[] pair : new String[][]{{"intake.privacy.keys", "PLEDGE_PII_KEYS"},
                {"intake.privacy.active-key", "PLEDGE_PII_ACTIVE_KEY"}, {"intake.privacy.hash-key", "PLEDGE_PII_HASH_KEY"}}) {
            String expression = config.getProperty(pair[0]); // ${PLEDGE_X:default}
            String fallback = expression.substring(expression.indexOf(':') + 1, expression.length() - 1);
            assertEquals(env.get(pair[1]), fallback, pair[0]);
        }
    }
}
