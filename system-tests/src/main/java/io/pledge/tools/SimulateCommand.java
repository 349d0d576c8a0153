package io.pledge.tools;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The traffic simulator: {@code clients} concurrent CRM connections open tickets back to back for
 * a fixed time against intake-service, then report throughput and latency percentiles, and check
 * that every accepted ticket's {@code ticket.opened} reached Kafka. Requests go to the address on
 * the command line (loopback by default) and the run stops by itself.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Open tickets from concurrent clients for a while; report throughput, p50/p99 and Kafka delivery.")
class SimulateCommand implements Callable<Integer> {

    private static final String[] CHANNELS = {"PHONE", "EMAIL", "CHAT", "WEB", "WALK_IN", "SOCIAL"};
    private static final String[] CATEGORIES = {"INQUIRY", "COMPLAINT", "SUGGESTION", "FAULT", "TRAINING", "OTHER"};
    private static final String[] PRIORITIES = {"URGENT", "HIGH", "NORMAL", "NORMAL", "LOW"};
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8081", description = "intake-service (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--clients", defaultValue = "4", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--duration", defaultValue = "PT10S", description = "How long, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warm-up", defaultValue = "PT5S", description = "Untimed load before measuring (default: ${DEFAULT-VALUE}).")
    Duration warmUp;

    @Option(names = "--max-requests", defaultValue = "1000000", description = "Stop after this many requests in all.")
    long maxRequests;

    @Option(names = "--kafka", defaultValue = "127.0.0.1:9092",
            description = "Broker to check delivery on; 'none' skips the check (default: ${DEFAULT-VALUE}).")
    String kafka;

    @Option(names = "--key", defaultValue = "deploy/local/jwt/private.pem", description = "Development signing key.")
    Path key;

    @Override
    public Integer call() throws Exception {
        String token = TokenCommand.mint(TokenCommand.readKey(key), "pledge-dev", "pledge", "simulator@pledge.local",
                Set.of("integration"), duration.plus(warmUp).plusMinutes(10));
        // HTTP/1.1, as CRMs mostly speak it (and cheaper for the client than h2c on a shared 2-core machine).
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        if (!warmUp.isZero()) {
            drive(http, token, warmUp, new Recorder(3), new AtomicLong(), null);
        }
        Map<TopicPartition, Long> start = "none".equals(kafka) ? null : endOffsets();

        Recorder latencies = new Recorder(3);
        AtomicLong failed = new AtomicLong();
        Set<String> created = ConcurrentHashMap.newKeySet();
        long began = System.nanoTime();
        drive(http, token, duration, latencies, failed, created);
        double seconds = (System.nanoTime() - began) / 1e9;

        Histogram histogram = latencies.getIntervalHistogram();
        System.out.printf("clients=%d duration=%.1fs created=%d failed=%d throughput=%.1f/s p50=%.1fms p99=%.1fms max=%.1fms%n",
                clients, seconds, created.size(), failed.get(), created.size() / seconds,
                histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
                histogram.getMaxValue() / 1000.0);
        if (start != null) {
            long missing = awaitOnKafka(start, created, Duration.ofSeconds(120));
            System.out.printf("kafka: %d of %d accepted tickets' ticket.opened found%n", created.size() - missing, created.size());
            if (missing > 0) {
                return 1;
            }
        }
        return failed.get() == 0 ? 0 : 1;
    }

    private void drive(HttpClient http, String token, Duration length, Recorder latencies, AtomicLong failed,
                       Set<String> created) throws InterruptedException {
        AtomicLong issued = new AtomicLong();
        long deadline = System.nanoTime() + length.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
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
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        latencies.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t0));
                        Matcher id = ID.matcher(response.body());
                        if (response.statusCode() == 201 && id.find()) {
                            if (created != null) {
                                created.add(id.group(1));
                            }
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(length.toSeconds() + 60, TimeUnit.SECONDS);
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000));
    }

    private Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor("pledge.tickets", Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions, Duration.ofSeconds(30));
        }
    }

    /** Reads pledge.tickets from {@code start} until every id's ticket.opened was seen; returns how many are missing. */
    private long awaitOnKafka(Map<TopicPartition, Long> start, Set<String> ids, Duration patience) {
        Set<String> waiting = ConcurrentHashMap.newKeySet();
        waiting.addAll(ids);
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.assign(start.keySet());
            start.forEach(consumer::seek);
            long deadline = System.nanoTime() + patience.toNanos();
            while (!waiting.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Header type = record.headers().lastHeader("ce_type");
                    if (type != null && "ticket.opened".equals(new String(type.value(), StandardCharsets.UTF_8))) {
                        waiting.remove(record.key());
                    }
                }
            }
        }
        return waiting.size();
    }

    private static String randomTicket() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return """
                {"channel": "%s", "category": "%s", "priority": "%s", "subject": "Simulated contact",
                 "customer": {"externalId": "SIM-%d"}, "team": "team-%d"}
                """.formatted(CHANNELS[random.nextInt(CHANNELS.length)], CATEGORIES[random.nextInt(CATEGORIES.length)],
                PRIORITIES[random.nextInt(PRIORITIES.length)], random.nextInt(10_000), random.nextInt(5));
    }
}
