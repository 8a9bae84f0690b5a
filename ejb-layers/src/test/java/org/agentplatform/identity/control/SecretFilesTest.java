package org.agentplatform.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {

    @TempDir
    Path dir;

    @Test
    void readGivesTheContentWithoutSurroundingWhitespace() throws Exception {
        Files.writeString(dir.resolve("db-password"), "  s3cret-value\n\n", StandardCharsets.UTF_8);
        SecretFiles cut = new SecretFiles(dir);

        assertEquals("s3cret-value", cut.read("db-password"));
    }

    @Test
    void readKeepsInnerLinesOfAPem() throws Exception {
        String pem = "-----BEGIN " + "PRIVATE KEY-----\nAAAA\nBBBB\n-----END " + "PRIVATE KEY-----";
        Files.writeString(dir.resolve("jwt-private.pem"), pem + "\n", StandardCharsets.UTF_8);

        assertEquals(pem, new SecretFiles(dir).read("jwt-private.pem"));
    }

    @Test
    void missingFileIsNamedInTheFailure() {
        SecretFiles cut = new SecretFiles(dir);

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> cut.read("jwt-private.pem"));

        assertTrue(e.getMessage().contains(dir.resolve("jwt-private.pem").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("./platform up"), e.getMessage());
    }

    @Test
    void unreadableFileIsNamedButItsContentIsNot() throws Exception {
        // Bytes that are not UTF-8 make reading fail after the file was opened and read.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("hunter2-topsecret".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xFF);
        Files.write(dir.resolve("admin-password"), bytes.toByteArray());
        SecretFiles cut = new SecretFiles(dir);

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> cut.read("admin-password"));

        assertTrue(e.getMessage().contains("admin-password"), e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains("hunter2"), t.toString());
        }
    }
}
