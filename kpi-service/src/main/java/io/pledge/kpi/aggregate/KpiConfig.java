package io.pledge.kpi.aggregate;

import io.pledge.kpi.bucket.BucketSize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.ZoneId;

/** kpi-service settings (keys {@code kpi.*}). */
@ConfigMapping(prefix = "kpi")
public interface KpiConfig {

    /** IANA zone whose local hours, days, weeks and months the buckets follow. */
    @WithDefault("UTC")
    String businessTimeZone();

    default ZoneId zone() {
        return ZoneId.of(businessTimeZone());
    }

    /** How often changed buckets are published as snapshots (SnapshotPublisher). */
    @WithDefault("PT0.2S")
    Duration snapshotEvery();

    /**
     * While a backlog drains, how often a batch of snapshots of past buckets goes out (current
     * buckets go out every snapshot-every regardless; history all at once when the backlog is gone).
     */
    @WithDefault("PT2S")
    Duration historySnapshotEvery();

    /**
     * How long a changed bucket waits before its snapshot goes out, by bucket size: counted from its
     * first change since its last snapshot, so every change within it goes out as one snapshot and a
     * key is published at most once per delay. A month's figure moves little with one event; weeks
     * and months are half of all snapshots, and snapshots were the biggest share of the platform's
     * work at 5 tickets/s (issue #17).
     */
    SnapshotDelay snapshotDelay();

    interface SnapshotDelay {
        @WithDefault("PT0S")
        Duration hour();

        @WithDefault("PT0S")
        Duration day();

        @WithDefault("PT5S")
        Duration week();

        @WithDefault("PT15S")
        Duration month();

        default Duration of(BucketSize size) {
            return switch (size) {
                case HOUR -> hour();
                case DAY -> day();
                case WEEK -> week();
                case MONTH -> month();
            };
        }
    }

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
