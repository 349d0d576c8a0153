package io.pledge.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The settings every Pledge service shares (keys {@code pledge.*}). */
@ConfigMapping(prefix = "pledge")
public interface PledgeConfig {

    /** The service's name, e.g. {@code intake-service}: events carry {@code ce_source=/pledge/<name>}. */
    String serviceName();

    Outbox outbox();

    interface Outbox {

        /** Whether this instance runs a relay. Several replicas may all run one: lanes are locked. */
        @WithDefault("true")
        boolean relayEnabled();

        /** How long an idle relay waits before it looks again (a commit that adds events wakes it at once). */
        @WithDefault("200ms")
        Duration pollInterval();

        /** Most events published from one lane in one transaction. */
        @WithDefault("500")
        int batchSize();

        /**
         * Events are spread over this many lanes by a hash of their key; one relay at a time owns a
         * lane, which keeps each key's events in order while several replicas share the work.
         */
        @WithDefault("8")
        int lanes();

        /** How long the relay waits for Kafka to acknowledge a batch before it gives up and retries. */
        @WithDefault("15s")
        Duration sendTimeout();
    }
}
