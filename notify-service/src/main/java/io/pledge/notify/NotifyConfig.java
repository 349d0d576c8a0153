package io.pledge.notify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** notify-service's own settings (keys {@code notify.*}, documented in application.properties). */
@ConfigMapping(prefix = "notify")
public interface NotifyConfig {

    Webhooks webhooks();

    Alerts alerts();

    /** How long received events (and so what a replay can send again) are kept. */
    Duration journalRetention();

    interface Webhooks {

        /**
         * The wait before each attempt of a delivery: the first is the wait before the first
         * attempt (usually none). After the last, a delivery that still fails is given up.
         */
        List<Duration> retrySchedule();

        /** Each wait is varied at random by up to this fraction, up or down, so that retries spread out. */
        @WithDefault("0.2")
        double jitter();

        /** The longest Retry-After a receiver's 429 or 503 is honoured with. */
        Duration longestRetryAfter();

        /** An endpoint failing without a success for this long is disabled and its owner told. */
        Duration disableAfter();

        /** After a rotation the previous secret still signs (beside the new one) for this long. */
        Duration secretOverlap();

        Duration connectTimeout();

        /** The longest wait for a receiver's answer, from the request's start. */
        Duration answerTimeout();

        /** Whether only https URLs may be subscribed (production). */
        boolean httpsOnly();

        /**
         * Addresses (CIDR, e.g. 10.1.2.0/24, or single addresses) in private, loopback or
         * link-local ranges that an operator allows webhooks to reach.
         */
        Optional<List<String>> allowedAddresses();

        /** Deliveries in flight at once, in all. */
        int maxInFlight();

        /** Deliveries in flight at once to one subscription: a slow endpoint holds no more. */
        int maxInFlightPerSubscription();

        /** How long a replica holds a claimed delivery before another may take it over (it died). */
        Duration lease();

        /** How often the delivery loop looks for due deliveries when nothing woke it. */
        Duration pollInterval();

        /** Delivery attempts (and their log) older than this are deleted. */
        Duration logRetention();
    }

    /** Alerts for people (keys {@code notify.alerts.*}). */
    interface Alerts {

        /** The most mails (and chat posts) one person gets in a minute; the rest arrive as one summary. */
        int maxMailsPerMinute();

        /** The CRM's address of a ticket, {@code {ticketId}} standing for its id: the link in every alert. */
        String ticketLinkTemplate();

        /** How often the sending loop looks for due alerts and digests. */
        Duration pollInterval();

        /** At most this many alerts (and as many digests) are sent per pass of the loop. */
        int batchSize();

        /** The wait after a failed attempt, doubled after each further failure... */
        Duration firstRetryWait();

        /** ...up to this. */
        Duration longestRetryWait();

        /** An alert still failing this long after its first attempt is given up (FAILED). */
        Duration giveUpAfter();

        /** Chat webhooks: the bounded waits for a connection and for the whole answer. */
        Duration chatConnectTimeout();

        Duration chatAnswerTimeout();
    }
}
