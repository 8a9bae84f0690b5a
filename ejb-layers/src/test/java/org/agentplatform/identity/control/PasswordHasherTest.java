package org.agentplatform.identity.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher cut = PasswordHasher.owaspMinimum();

    @Test
    void nativeArgon2AndBouncyCastleComputeTheSameHash() {
        assertTrue(PasswordHasher.nativeAvailable(), "libargon2 loads through argon2-jvm");
        byte[] salt = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        char[] password = "correct-horse-battery-é".toCharArray();
        org.junit.jupiter.api.Assertions.assertArrayEquals(PasswordHasher.deriveInJava(password, salt, 7168, 5, 1, 32),
                PasswordHasher.derive(password, salt, 7168, 5, 1, 32));
        org.junit.jupiter.api.Assertions.assertArrayEquals(PasswordHasher.deriveInJava(password, salt, 19456, 2, 1, 32),
                PasswordHasher.derive(password, salt, 19456, 2, 1, 32));
    }

    @Test
    void theRightPasswordVerifiesAndAWrongOneDoesNot() {
        String stored = cut.hash("correct horse".toCharArray());
        assertTrue(stored.startsWith("$argon2id$v=19$m=7168,t=5,p=1$"), stored);
        assertTrue(cut.verify("correct horse".toCharArray(), stored));
        assertFalse(cut.verify("correct horse!".toCharArray(), stored));
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        assertNotEquals(cut.hash("same".toCharArray()), cut.hash("same".toCharArray()));
    }

    @Test
    void hashesMadeWithOtherParametersStillVerifyAndAskForARehash() {
        String weaker = new PasswordHasher(8 * 1024, 1, 1).hash("pw".toCharArray());
        assertTrue(cut.verify("pw".toCharArray(), weaker));
        assertTrue(cut.needsRehash(weaker));
        assertFalse(cut.needsRehash(cut.hash("pw".toCharArray())));
    }

    @Test
    void somethingElseThanAnArgon2idStringNeverVerifies() {
        assertFalse(cut.verify("pw".toCharArray(), null));
        assertFalse(cut.verify("pw".toCharArray(), "PBKDF2WithHmacSHA512:210000:abc:def"));
        assertFalse(cut.verify("pw".toCharArray(), "$argon2id$v=19$m=oops"));
        assertTrue(cut.needsRehash("PBKDF2WithHmacSHA512:210000:abc:def"));
    }
}
