package org.agentplatform.eventstore.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema to the latest migration before anything else starts. Runs as the owner role
 * (the runtime role cannot run DDL). When both instances start at once, Flyway's PostgreSQL
 * advisory lock lets exactly one migrate while the other waits.
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrations {
    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

    @Resource(lookup = "jdbc/platform-migration")
    DataSource migrationDataSource;

    @Inject
    @ConfigProperty(name = "platform.db.runtime-role", defaultValue = "platform_app")
    String runtimeRole;

    private volatile String version = "none";

    @PostConstruct
    void migrate() {
        MigrateResult result = Flyway.configure(getClass().getClassLoader())
                .dataSource(migrationDataSource)
                .locations("classpath:db/migration")
                .placeholders(Map.of("runtimeRole", runtimeRole))
                .load()
                .migrate();
        version = result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion;
        LOG.info(() -> "Schema at version " + version + " (" + result.migrationsExecuted + " migrations run now)");
    }

    /** The schema version reached at start-up; the startup health check reports it. */
    public String version() {
        return version;
    }
}
