package io.pledge.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** The settings every Pledge service shares (keys {@code pledge.*}). */
@ConfigMapping(prefix = "pledge")
public interface PledgeConfig {

    /** The service's name, e.g. {@code intake-service}: events carry {@code ce_source=/pledge/<name>}. */
    String serviceName();

    Outbox outbox();

    Security security();

    Audit audit();

    Events events();

    RateLimit rateLimit();

    /** Who may see what (blueprint §6, {@link io.pledge.platform.security.Scope}). */
    interface Security {

        Claims claims();

        /**
         * How far back an integration may report a fact (a customer's message, a call, an opening):
         * anything earlier is refused, anything in the past is flagged reportedLate.
         */
        @WithDefault("P7D")
        Duration backdatingWindow();

        /**
         * Whether the production profile may start with the development keys committed in
         * deploy/local (a development machine running the production profile on purpose).
         */
        @WithDefault("false")
        boolean developmentKeysAllowed();

        /** How far in the past a reported instant counts as "now" rather than late (clock skew, transit). */
        @WithDefault("PT2M")
        Duration lateAfter();

        /** The token claims that carry the caller's scope; set them to what the OIDC provider issues. */
        interface Claims {
            /** The caller's teams: a JSON array or a space/comma separated string. */
            @WithDefault("teams")
            String teams();

            /** The caller's departments. */
            @WithDefault("departments")
            String departments();

            /** The OAuth client the token was issued to: for integration callers, their source system. */
            @WithDefault("azp")
            String client();
        }
    }

    interface Audit {
        /** How long audit entries are kept. */
        @WithDefault("P400D")
        Duration retention();

        /** How often entries past the retention are deleted (read by AuditRetention's @Scheduled). */
        @WithDefault("PT1H")
        Duration purgeEvery();
    }

    /** The idempotent consumers' bookkeeping (io.pledge.platform.events). */
    interface Events {

        /**
         * How long an applied event's id is kept in processed_event. A redelivery comes within
         * minutes (a rebalance, a restart, the relay's retry); only a replay older than this would
         * apply an event again.
         */
        @WithDefault("P30D")
        Duration processedRetention();

        /** How often ids past the retention are deleted (read by ProcessedEventRetention's @Scheduled). */
        @WithDefault("PT1H")
        Duration purgeEvery();
    }

    /** Requests per caller and role on the APIs, per client address on the public links. */
    interface RateLimit {

        @WithDefault("true")
        boolean enabled();

        /** The allowance of each role; a caller with several gets the most generous. */
        Map<String, Limit> roles();

        /** The allowance of one client address on the pages and links that take no token. */
        Limit publicLinks();

        interface Limit {
            /** How many requests... */
            int requests();

            /** ...in how long (refilled evenly). */
            Duration per();
        }
    }

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
