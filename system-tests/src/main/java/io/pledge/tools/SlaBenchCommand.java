package io.pledge.tools;

import io.pledge.contracts.EventCodec;
import io.pledge.contracts.Topics;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketStatus;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The sla-service benchmark's load and measurements, against a broker of its own (bench/sla.sh):
 * {@code produce} writes a backlog of ticket.opened events exactly as intake-service would;
 * {@code raw-read} reads pledge.tickets with a plain consumer (the baseline rate);
 * {@code measure} reads pledge.sla and reports how fast the backlog became clocks and how late
 * each sla.breached was published after its breach instant.
 */
@Command(name = "sla-bench", mixinStandardHelpOptions = true,
        description = "sla-service benchmark: produce | raw-read | measure")
class SlaBenchCommand implements java.util.concurrent.Callable<Integer> {

    @picocli.CommandLine.Parameters(index = "0", description = "produce, raw-read or measure")
    String action;

    @Option(names = "--kafka", defaultValue = "127.0.0.1:9092")
    String kafka;

    @Option(names = "--tickets", defaultValue = "20000", description = "How many tickets (default: ${DEFAULT-VALUE}).")
    int tickets;

    @Option(names = "--spread", defaultValue = "PT60S",
            description = "produce: opening instants spread over this span before now, so breaches spread too.")
    Duration spread;

    @Option(names = "--patience", defaultValue = "PT15M", description = "measure: how long to wait for all breaches.")
    Duration patience;

    @Option(names = "--backlog-only",
            description = "measure: stop once every clock has started (the backlog rate alone; for backlogs whose"
                    + " breaches could not all fall due within the spread).")
    boolean backlogOnly;

    @Override
    public Integer call() {
        return switch (action) {
            case "produce" -> produce();
            case "raw-read" -> rawRead();
            case "measure" -> measure();
            default -> {
                System.err.println("unknown action " + action);
                yield 2;
            }
        };
    }

    /** Tickets tagged "bench", opened over the last {@code spread}, in order of opening. */
    private int produce() {
        Instant first = Instant.now().minus(spread);
        long stepNanos = spread.toNanos() / Math.max(1, tickets);
        try (KafkaProducer<String, byte[]> producer = BenchRecords.producer(kafka)) {
            for (int i = 0; i < tickets; i++) {
                Instant opened = first.plusNanos(stepNanos * i).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
                TicketOpened data = new TicketOpened(new TicketFacts(UUID.randomUUID(), "BENCH-" + (i % 1000),
                        Channel.EMAIL, Category.INQUIRY, Priority.NORMAL, TicketStatus.OPEN, "bench", null, null),
                        null, "sla-bench", List.of("bench"), opened, null);
                producer.send(BenchRecords.record(data, opened, "sla-bench"));
            }
            producer.flush();
        }
        System.out.printf("produced %d ticket.opened, opened from %s over %s%n", tickets, first, spread);
        return 0;
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return BenchRecords.consumer(kafka);
    }

    private List<TopicPartition> fromBeginning(KafkaConsumer<String, byte[]> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    /** The baseline: a plain consumer reading the whole backlog of pledge.tickets. */
    private int rawRead() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = fromBeginning(consumer, Topics.TICKETS);
            long total = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
            long read = 0;
            long began = System.nanoTime();
            while (read < total) {
                read += consumer.poll(Duration.ofMillis(500)).count();
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            System.out.printf("raw read: %d records in %.2f s = %.0f records/s%n", read, seconds, read / seconds);
        }
        return 0;
    }

    /** Reads pledge.sla: clock-started timestamps give the backlog rate, sla.breached the announcement delay. */
    private int measure() {
        Histogram delays = new Histogram(3_600_000L, 3);
        long firstStarted = Long.MAX_VALUE;
        long lastStarted = 0;
        long[] startedAt = new long[tickets];
        int started = 0;
        int breached = 0;
        long deadline = System.nanoTime() + patience.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            fromBeginning(consumer, Topics.SLA);
            while ((backlogOnly ? started : breached) < tickets && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (!isBench(record)) {
                        continue; // a clock of the everyday database falling due during the run
                    }
                    String type = header(record, "ce_type");
                    if ("sla.clock-started".equals(type)) {
                        if (started < tickets) {
                            startedAt[started] = record.timestamp();
                        }
                        started++;
                        firstStarted = Math.min(firstStarted, record.timestamp());
                        lastStarted = Math.max(lastStarted, record.timestamp());
                    } else if ("sla.breached".equals(type)) {
                        breached++;
                        long breachedAt = Instant.parse(header(record, "ce_time")).toEpochMilli();
                        delays.recordValue(Math.max(0, record.timestamp() - breachedAt));
                    }
                }
            }
        }
        double drainSeconds = (lastStarted - firstStarted) / 1000.0;
        System.out.printf("clocks started: %d in %.1f s = %.0f ticket events/s%n", started, drainSeconds,
                started / Math.max(0.001, drainSeconds));
        if (started >= 20) {
            // the drain's first and last tenth: does it slow down as its tables grow?
            long[] sorted = Arrays.copyOf(startedAt, Math.min(started, tickets));
            Arrays.sort(sorted);
            int tenth = sorted.length / 10;
            System.out.printf("first tenth (%d clocks): %.0f ticket events/s; last tenth: %.0f ticket events/s%n", tenth,
                    tenth / Math.max(0.001, (sorted[tenth - 1] - sorted[0]) / 1000.0),
                    tenth / Math.max(0.001, (sorted[sorted.length - 1] - sorted[sorted.length - tenth]) / 1000.0));
        }
        System.out.printf("breaches: %d; delay from breach instant to record on Kafka: p50=%d ms p99=%d ms max=%d ms%n",
                breached, delays.getValueAtPercentile(50), delays.getValueAtPercentile(99), delays.getMaxValue());
        return (backlogOnly ? started : breached) == tickets ? 0 : 1;
    }

    /** The produced tickets' clocks carry team "bench". */
    private static boolean isBench(ConsumerRecord<String, byte[]> record) {
        var team = EventCodec.parse(record.value()).path("clock").path("team");
        return "bench".equals(team.asText(null));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
