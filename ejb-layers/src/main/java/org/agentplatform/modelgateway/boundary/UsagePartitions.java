package org.agentplatform.modelgateway.boundary;

import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import jakarta.inject.Inject;
import jakarta.annotation.Resource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the usage table's daily partitions a week ahead, at start and every hour, on each instance
 * (creating a partition is idempotent), and drops the partitions older than {@code
 * modelgateway.usage-retention-days} (90): retention drops whole partitions, never deletes rows.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class UsagePartitions {
    private static final Logger LOG = Logger.getLogger(UsagePartitions.class.getName());
    static final int DAYS_AHEAD = 7;

    @Inject
    UsageLog usage;

    @Resource(lookup = "jdbc/platform")
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "modelgateway.usage-retention-days", defaultValue = "90")
    int retentionDays;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> task;

    /** Now and every hour, on a managed executor: an EJB timer would start the timer service (and its H2 database) on the DAS. */
    @PostConstruct
    void start() {
        task = scheduler.scheduleWithFixedDelay(this::ensureAhead, 0, 1, TimeUnit.HOURS);
    }

    @PreDestroy
    void stop() {
        task.cancel(false);
    }

    void ensureAhead() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int d = 0; d <= DAYS_AHEAD; d++) {
            try {
                usage.ensurePartition(today.plusDays(d));
            } catch (SQLException e) {
                // Both instances may create the same partition at once: the loser's error is harmless.
                LOG.log(Level.FINE, "usage partition for {0}: {1}", new Object[] {today.plusDays(d), e.getMessage()});
            }
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("select modelgateway.drop_usage_partitions_before(?)")) {
            q.setObject(1, today.minusDays(retentionDays));
            try (ResultSet r = q.executeQuery()) {
                if (r.next() && r.getInt(1) > 0) {
                    LOG.log(Level.INFO, "dropped {0} usage partitions older than {1} days", new Object[] {r.getInt(1), retentionDays});
                }
            }
        } catch (SQLException e) {
            LOG.log(Level.FINE, "usage retention: {0}", e.getMessage()); // the other instance dropped them at the same time
        }
    }
}
