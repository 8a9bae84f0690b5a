package org.agentplatform.identity.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the secrets that {@code platform up} generated into {@code var/secrets} (mode 0600). A
 * secret's content is never logged: errors name the file only.
 */
public final class SecretFiles {
    private final Path dir;

    public SecretFiles(Path dir) {
        this.dir = dir;
    }

    public String read(String name) {
        Path file = dir.resolve(name);
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read secret file " + file + ": run './platform up' to generate it.", e);
        }
    }
}
