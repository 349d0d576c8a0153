package io.pledge.platform.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.quarkus.scheduler.Scheduled;
import io.pledge.platform.PledgeConfig;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * Token buckets kept in the service's database (Bucket4j, select-for-update on table
 * rate_limit_bucket), so every replica draws on the same allowance: two replicas do not double a
 * client's limit. A bucket holds {@code requests} tokens and refills them evenly over {@code per}.
 */
@ApplicationScoped
public class RateLimits {

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    public RateLimits(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                // a bucket left alone until it is full again is the same as no bucket: its row goes
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
    }

    /** Takes one token from {@code key}'s bucket under {@code limit}. */
    public Decision take(String key, String policy, PledgeConfig.RateLimit.Limit limit) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(limit.requests()).refillGreedy(limit.requests(), limit.per()).build())
                .build();
        ConsumptionProbe probe = buckets.builder().build(policy + ":" + key, () -> configuration)
                .tryConsumeAndReturnRemaining(1);
        return new Decision(policy, limit, probe.isConsumed(), probe.getRemainingTokens(),
                seconds(probe.getNanosToWaitForRefill()), seconds(probe.getNanosToWaitForReset()));
    }

    /**
     * Deletes the rows of buckets that have refilled (Bucket4j marks them expired but deletes only
     * when asked): one row per caller and address would otherwise stay forever.
     */
    @Scheduled(every = "PT1M", delayed = "PT1M", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void removeRefilled() {
        while (buckets.removeExpired(1_000) == 1_000) {
            // a backlog: go on until it is gone
        }
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }

    /**
     * @param allowed       whether the request may go on
     * @param remaining     tokens left after it
     * @param retryAfter    seconds until the next token (for Retry-After when refused)
     * @param resetAfter    seconds until the bucket is full again
     */
    public record Decision(String policy, PledgeConfig.RateLimit.Limit limit, boolean allowed, long remaining,
                           long retryAfter, long resetAfter) {

        /** The IETF RateLimit-Policy field (draft-ietf-httpapi-ratelimit-headers): quota and window. */
        public String policyHeader() {
            return "\"" + policy + "\";q=" + limit.requests() + ";w=" + Math.max(1, limit.per().toSeconds());
        }

        /** The IETF RateLimit field: what remains and when the quota is back. */
        public String stateHeader() {
            return "\"" + policy + "\";r=" + remaining + ";t=" + resetAfter;
        }
    }
}
