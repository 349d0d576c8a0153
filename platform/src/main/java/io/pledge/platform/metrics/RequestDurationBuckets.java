package io.pledge.platform.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.stream.LongStream;

/**
 * Histogram buckets for Quarkus' HTTP server timer ({@code http.server.requests}), which publishes
 * only a count, a sum and a max by default: with buckets Prometheus can compute each service's p99
 * across replicas ({@code histogram_quantile} over {@code http_server_requests_seconds_bucket},
 * deploy/k8s's dashboard). A fixed 1-2-5 series from 5 ms to 10 s rather than Micrometer's
 * percentile histogram (about 70 buckets per method, URI and status): a dozen series per endpoint,
 * fine enough around the 50 ms p99 the REST APIs aim at.
 */
@Singleton
public class RequestDurationBuckets {

    static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    private static final double[] BUCKETS = LongStream.of(5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000)
            .mapToDouble(ms -> Duration.ofMillis(ms).toNanos())
            .toArray();

    @Produces
    @Singleton
    MeterFilter httpServerRequestBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!HTTP_SERVER_REQUESTS.equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(BUCKETS).build().merge(config);
            }
        };
    }
}
