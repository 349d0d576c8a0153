package io.pledge.tools;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The traffic simulator: {@code clients} concurrent CRM connections open tickets back to back for
 * a fixed time against intake-service, then report throughput and latency percentiles. Every
 * request goes to an address given on the command line (loopback by default) and the run stops by
 * itself.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Open tickets from concurrent clients for a while; report throughput and p50/p99.")
class SimulateCommand implements Callable<Integer> {

    private static final String[] CHANNELS = {"PHONE", "EMAIL", "CHAT", "WEB", "WALK_IN", "SOCIAL"};
    private static final String[] CATEGORIES = {"INQUIRY", "COMPLAINT", "SUGGESTION", "FAULT", "TRAINING", "OTHER"};
    private static final String[] PRIORITIES = {"URGENT", "HIGH", "NORMAL", "NORMAL", "LOW"};

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8081", description = "intake-service (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--clients", defaultValue = "4", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--duration", defaultValue = "PT10S", description = "How long, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--max-requests", defaultValue = "1000000", description = "Stop after this many requests in all.")
    long maxRequests;

    @Option(names = "--key", defaultValue = "deploy/local/jwt/private.pem", description = "Development signing key.")
    Path key;

    @Override
    public Integer call() throws Exception {
        String token = TokenCommand.mint(TokenCommand.readKey(key), "pledge-dev", "simulator@pledge.local",
                Set.of("integration"), duration.plusMinutes(10));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Recorder latencies = new Recorder(3);
        AtomicLong issued = new AtomicLong();
        AtomicLong created = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();

        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                while (System.nanoTime() < deadline && issued.incrementAndGet() <= maxRequests) {
                    HttpRequest request = HttpRequest.newBuilder(url.resolve("/api/v1/tickets"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .POST(HttpRequest.BodyPublishers.ofString(randomTicket()))
                            .build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        latencies.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t0));
                        (response.statusCode() == 201 ? created : failed).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(duration.toSeconds() + 60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - started) / 1e9;

        Histogram histogram = latencies.getIntervalHistogram();
        System.out.printf("clients=%d duration=%.1fs created=%d failed=%d throughput=%.1f/s p50=%.1fms p99=%.1fms max=%.1fms%n",
                clients, seconds, created.get(), failed.get(), created.get() / seconds,
                histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
                histogram.getMaxValue() / 1000.0);
        return failed.get() == 0 ? 0 : 1;
    }

    private static String randomTicket() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return """
                {"channel": "%s", "category": "%s", "priority": "%s", "subject": "Simulated contact",
                 "customer": {"externalId": "SIM-%d"}, "sourceSystem": "simulator", "team": "team-%d"}
                """.formatted(CHANNELS[random.nextInt(CHANNELS.length)], CATEGORIES[random.nextInt(CATEGORIES.length)],
                PRIORITIES[random.nextInt(PRIORITIES.length)], random.nextInt(10_000), random.nextInt(5));
    }
}
