package io.pledge.intake.privacy;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FieldCipherTest {

    private static final byte[] KEY_1 = bytes(1);
    private static final byte[] KEY_2 = bytes(2);
    private static final byte[] HASH_KEY = bytes(3);

    private static byte[] bytes(int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return key;
    }

    @Test
    void encryptsAndDecryptsWithoutLeavingThePlaintextInTheCiphertext() {
        FieldCipher cipher = new FieldCipher(Map.of("k1", KEY_1), "k1", HASH_KEY);
        byte[] sealed = cipher.encrypt("customer.phone", "+86 138 0013 8000");
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("138"));
        assertEquals("+86 138 0013 8000", cipher.decrypt("k1", "customer.phone", sealed));
        assertNotEquals(Base64.getEncoder().encodeToString(sealed),
                Base64.getEncoder().encodeToString(cipher.encrypt("customer.phone", "+86 138 0013 8000")),
                "a fresh IV each time");
        assertNull(cipher.encrypt("customer.name", null));
    }

    @Test
    void aValueMovedToAnotherFieldOrTamperedWithDoesNotDecrypt() {
        FieldCipher cipher = new FieldCipher(Map.of("k1", KEY_1), "k1", HASH_KEY);
        byte[] sealed = cipher.encrypt("customer.email", "li@example.cn");
        assertThrows(IllegalStateException.class, () -> cipher.decrypt("k1", "customer.name", sealed));
        sealed[sealed.length - 1] ^= 1;
        assertThrows(IllegalStateException.class, () -> cipher.decrypt("k1", "customer.email", sealed));
    }

    @Test
    void afterRotationOldDataStillDecryptsAndNewDataUsesTheNewKey() {
        FieldCipher before = new FieldCipher(Map.of("k1", KEY_1), "k1", HASH_KEY);
        byte[] old = before.encrypt("customer.name", "Li Lei");
        FieldCipher after = new FieldCipher(FieldCipher.parseKeys(
                "k1:" + Base64.getEncoder().encodeToString(KEY_1) + ", k2:" + Base64.getEncoder().encodeToString(KEY_2)),
                "k2", HASH_KEY);
        assertEquals("k2", after.activeKeyId());
        assertEquals("Li Lei", after.decrypt("k1", "customer.name", old));
        byte[] fresh = after.encrypt("customer.name", "Li Lei");
        assertThrows(IllegalStateException.class, () -> after.decrypt("k1", "customer.name", fresh));
        assertEquals("Li Lei", after.decrypt("k2", "customer.name", fresh));
    }

    @Test
    void lookUpHashesIgnoreFormattingAndDependOnTheKey() {
        FieldCipher cipher = new FieldCipher(Map.of("k1", KEY_1), "k1", HASH_KEY);
        assertEquals(cipher.hash(FieldCipher.normalisePhone("+86 138-0013-8000")),
                cipher.hash(FieldCipher.normalisePhone("+8613800138000")));
        assertEquals(cipher.hash(FieldCipher.normaliseEmail(" Li@Example.CN ")),
                cipher.hash(FieldCipher.normaliseEmail("li@example.cn")));
        FieldCipher otherHashKey = new FieldCipher(Map.of("k1", KEY_1), "k1", bytes(9));
        assertNotEquals(cipher.hash("li@example.cn"), otherHashKey.hash("li@example.cn"));
    }

    @Test
    void badKeysFailAtStart() {
        assertThrows(IllegalArgumentException.class, () -> new FieldCipher(Map.of("k1", new byte[16]), "k1", HASH_KEY));
        assertThrows(IllegalArgumentException.class, () -> new FieldCipher(Map.of("k1", KEY_1), "k9", HASH_KEY));
        assertThrows(IllegalArgumentException.class, () -> FieldCipher.parseKeys("no-colon"));
    }
}
