package org.agentplatform.identity.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Set;
import org.agentplatform.identity.control.SecretFiles;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Makes sure the user {@code admin} exists, with the password generated at install time. */
@Startup
@Singleton
@DependsOn("SchemaMigrations")
public class AdminAccount {
    @Inject
    Users users;

    @Inject
    @ConfigProperty(name = "platform.secrets-dir")
    String secretsDir;

    @PostConstruct
    void ensureAdmin() {
        users.ensure("admin", new SecretFiles(Path.of(secretsDir)).read("admin-password"), Set.of("admin"));
    }
}
