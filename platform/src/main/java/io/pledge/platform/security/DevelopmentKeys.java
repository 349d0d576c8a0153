package io.pledge.platform.security;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The production profile refuses to start with a key committed to this repository: the JWT
 * public key of deploy/local/jwt (anyone holding the repository could sign tokens) and, through
 * {@link #refuseInProduction}, intake's development PII keys. Keys are compared by the SHA-256
 * fingerprint of their bytes, so the keys themselves are not repeated here. Only a development
 * machine that runs the production profile on purpose (deploy/local/pledge.sh, the end-to-end
 * tests) sets {@code PLEDGE_SECURITY_DEVELOPMENT_KEYS_ALLOWED=true}; deploy/check refuses a manifest that does.
 */
@ApplicationScoped
public class DevelopmentKeys {

    /** SHA-256 of the DER of deploy/local/jwt/public.pem, and of the decoded development PII keys. */
    static final Map<String, String> FINGERPRINTS = Map.of(
            "ef542792f5c8a1c677310664e3f3d546ad93e1a70d81fadbb01555b6f1147f1a", "the development JWT key pair (deploy/local/jwt)",
            "e43e40dd1dcf3bcf4f41f619228c8168adf948ddfd68c5cb180d33af3be0de13", "the development PII key dev-1",
            "ac2914cbefa7c3f7643753a6ed2f41e6d2f4b8b0cb93d7432aff59f0523b4dda", "the test PII key retired-0",
            "bb17f6bb54f9692127fefde5d63b0ff0d84e03a7d000a7cff4c26621e9f55b6b", "the development PII look-up key");

    void check(@Observes StartupEvent started,
               @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> publicKeyLocation,
               @ConfigProperty(name = "mp.jwt.verify.publickey") Optional<String> inlinePublicKey) {
        if (!inProduction()) {
            return;
        }
        publicKeyLocation.flatMap(DevelopmentKeys::readLocal)
                .ifPresent(pem -> refuseInProduction("mp.jwt.verify.publickey.location", pemBytes(pem)));
        inlinePublicKey.ifPresent(pem -> refuseInProduction("mp.jwt.verify.publickey", pemBytes(pem)));
    }

    /**
     * Whether this is a production start: a built jar, whatever its profile is called (not the
     * tests, not dev mode). A JWKS URL or a key in another encoding (JWK, certificate) is not
     * recognised; the committed key is PEM, and so is every copy of it in this repository.
     */
    public static boolean inProduction() {
        return LaunchMode.current() == LaunchMode.NORMAL;
    }

    /** @throws IllegalStateException, which stops the start, when {@code key} is a committed development key */
    public static void refuseInProduction(String setting, byte[] key) {
        if (!inProduction() || ConfigProvider.getConfig()
                .getOptionalValue("pledge.security.development-keys-allowed", Boolean.class).orElse(false)) {
            return;
        }
        String known = FINGERPRINTS.get(fingerprint(key));
        if (known != null) {
            throw new IllegalStateException("Refusing to start in production: " + setting + " is " + known
                    + ", which is committed to the repository. Configure your own key (see deploy/README.md).");
        }
    }

    public static String fingerprint(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The DER inside a PEM (armour and line breaks dropped); text that is not PEM as it is. */
    static byte[] pemBytes(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException notPem) {
            return pem.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The key's text when the location is a local file or a class-path resource; a JWKS URL is not fetched. */
    private static Optional<String> readLocal(String location) {
        try {
            if (location.startsWith("file:")) {
                String path = location.startsWith("file://") ? URI.create(location).getPath() : location.substring(5);
                return Optional.of(Files.readString(Path.of(path)));
            }
            if (location.startsWith("classpath:") || !location.contains(":")) {
                String resource = location.startsWith("classpath:") ? location.substring(10) : location;
                Path file = Path.of(resource);
                if (Files.isRegularFile(file)) {
                    return Optional.of(Files.readString(file));
                }
                try (InputStream in = Thread.currentThread().getContextClassLoader()
                        .getResourceAsStream(resource.startsWith("/") ? resource.substring(1) : resource)) {
                    return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            return Optional.empty();
        } catch (IOException | IllegalArgumentException unreadable) {
            return Optional.empty();   // smallrye-jwt reports an unreadable key itself
        }
    }
}
