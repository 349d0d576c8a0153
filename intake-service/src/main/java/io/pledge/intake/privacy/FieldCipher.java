package io.pledge.intake.privacy;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encrypts customer contact data at rest with AES-256-GCM and derives keyed hashes for look-ups.
 *
 * <p>Each ciphertext is {@code iv (12 bytes) || ciphertext || tag (16 bytes)}, bound to the name of
 * its field (additional authenticated data), so a value copied into another column does not
 * decrypt. Rows store the id of the key that encrypted them: new data uses the active key, old
 * rows keep decrypting with theirs until re-encrypted — that is key rotation.
 */
public final class FieldCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String activeKeyId;
    private final Map<String, SecretKeySpec> keys;
    private final SecretKeySpec hashKey;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param keys       key id → 32-byte AES key
     * @param activeKeyId the key new data is encrypted with
     * @param hashKey    the HMAC-SHA256 key of look-up hashes (never rotated without re-hashing)
     */
    public FieldCipher(Map<String, byte[]> keys, String activeKeyId, byte[] hashKey) {
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("active key '" + activeKeyId + "' is not among the keys " + keys.keySet());
        }
        this.keys = new LinkedHashMap<>();
        keys.forEach((id, key) -> {
            if (key.length != 32) {
                throw new IllegalArgumentException("key '" + id + "' must be 32 bytes (AES-256), not " + key.length);
            }
            this.keys.put(id, new SecretKeySpec(key, "AES"));
        });
        if (hashKey.length < 32) {
            throw new IllegalArgumentException("the hash key must have at least 32 bytes");
        }
        this.activeKeyId = activeKeyId;
        this.hashKey = new SecretKeySpec(hashKey, "HmacSHA256");
    }

    /**
     * Parses {@code "id:base64key[,id:base64key...]"}, the form keys take in configuration and
     * in Kubernetes secrets.
     */
    public static Map<String, byte[]> parseKeys(String text) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            String[] parts = entry.trim().split(":", 2);
            if (parts.length != 2 || parts[0].isBlank()) {
                throw new IllegalArgumentException("keys must look like id:base64key[,id:base64key...]");
            }
            keys.put(parts[0].trim(), Base64.getDecoder().decode(parts[1].trim()));
        }
        return keys;
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    /** Whether a key with this id is configured (can decrypt). */
    public boolean knows(String keyId) {
        return keys.containsKey(keyId);
    }

    /** Encrypts {@code plaintext} (null stays null) for {@code field} with the active key. */
    public byte[] encrypt(String field, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(field.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** Decrypts what {@link #encrypt} made for {@code field} under key {@code keyId}. */
    public String decrypt(String keyId, String field, byte[] ciphertext) {
        if (ciphertext == null) {
            return null;
        }
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("no key '" + keyId + "' configured: cannot decrypt " + field);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, 0, IV_BYTES));
            cipher.updateAAD(field.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(ciphertext, IV_BYTES, ciphertext.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt " + field + " (tampered, or wrong key)", e);
        }
    }

    /** The keyed hash of an already normalised value: equal inputs give equal hashes, nothing else can be read from it. */
    public String hash(String normalisedValue) {
        if (normalisedValue == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            return HexFormat.of().formatHex(mac.doFinal(normalisedValue.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Digits only, keeping a leading '+': "+86 138-0013-8000" and "+8613800138000" hash alike. */
    public static String normalisePhone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        return phone.trim().startsWith("+") ? "+" + digits : digits;
    }

    public static String normaliseEmail(String email) {
        return email == null ? null : email.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
