package io.pledge.kpi.aggregate;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** kpi-service settings (keys {@code kpi.*}). */
@ConfigMapping(prefix = "kpi")
public interface KpiConfig {

    /** IANA zone whose local hours, days, weeks and months the buckets follow. */
    @WithDefault("UTC")
    String businessTimeZone();

    /** How often changed buckets are published as snapshots (SnapshotPublisher). */
    @WithDefault("PT0.2S")
    Duration snapshotEvery();

    /**
     * While a backlog drains, how often a batch of snapshots of past buckets goes out (current
     * buckets go out every snapshot-every regardless; history all at once when the backlog is gone).
     */
    @WithDefault("PT2S")
    Duration historySnapshotEvery();

    /** The rebuild across replicas (Rebuild, Replay). */
    Rebuild rebuild();

    interface Rebuild {
        /** How often each replica looks for a rebuild another replica started (Replay's schedule). */
        @WithDefault("PT1S")
        Duration checkEvery();
    }

    /** What the supervisor dashboard page needs to know (served by DashboardConfigResource). */
    Dashboard dashboard();

    interface Dashboard {
        /** Base URL of sla-service as the supervisor's browser reaches it (clocks at risk). */
        String slaUrl();

        /** Base URL of complaint-service as the supervisor's browser reaches it (overdue complaints). */
        String complaintUrl();

        /** How long the live stream may stay silent before the page warns that it may be stale. */
        @WithDefault("PT2M")
        Duration silentAfter();
    }
}
