package io.pledge.tools;

import io.pledge.contracts.EventCodec;
import io.pledge.contracts.Topics;
import io.pledge.contracts.sla.SlaClockFacts;
import io.pledge.contracts.sla.SlaClockStarted;
import io.pledge.contracts.sla.SlaMet;
import io.pledge.contracts.survey.SurveyCompleted;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.FirstResponse;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketResolved;
import io.pledge.contracts.ticket.TicketStatus;
import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark of kpi-service (issue: live KPIs, speed). {@code produce} puts a backlog of mixed events
 * on pledge.tickets, pledge.sla and pledge.surveys (per ticket: opened, first response, SLA clock
 * started and met, resolved, survey answered); {@code raw-read} reads it with a plain consumer (the
 * baseline); {@code measure-backlog} watches consumer group kpi-service until it has committed the
 * whole backlog; {@code measure-latency} publishes ticket.opened at a steady rate for a team of its
 * own and times each one to the first kpi.snapshot of that team's count that includes it;
 * {@code measure-rebuild} asks kpi-service (any replica, {@code --url}) for a rebuild and times it
 * until every partition is replayed, over every event of the four topics it reads.
 */
@Command(name = "kpi-bench", mixinStandardHelpOptions = true,
        description = "kpi-service benchmark: produce | raw-read | measure-backlog | measure-latency | measure-rebuild")
class KpiBenchCommand implements java.util.concurrent.Callable<Integer> {

    static final List<String> TOPICS = List.of(Topics.TICKETS, Topics.SLA, Topics.SURVEYS);
    static final int EVENTS_PER_TICKET = 6;

    /** What a rebuild replays: every topic kpi-service reads. */
    static final List<String> REBUILT_TOPICS = List.of(Topics.TICKETS, Topics.SLA, Topics.COMPLAINTS, Topics.SURVEYS);

    @Parameters(index = "0", description = "produce, raw-read, measure-backlog, measure-latency or measure-rebuild")
    String action;

    @Option(names = "--kafka", defaultValue = "127.0.0.1:9092")
    String kafka;

    @Option(names = "--events", defaultValue = "60000", description = "produce: how many events (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--rate", defaultValue = "1000", description = "measure-latency: events per second.")
    int rate;

    @Option(names = "--duration", defaultValue = "PT60S", description = "measure-latency: how long to publish.")
    Duration duration;

    @Option(names = "--patience", defaultValue = "PT2H", description = "measure-backlog, measure-rebuild: how long to wait.")
    Duration patience;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8085", description = "measure-rebuild: the kpi-service replica asked.")
    String url;

    @Option(names = "--replicas", defaultValue = "1", description = "measure-rebuild: how many replicas are running (for the report).")
    int replicas;

    @Option(names = "--key", defaultValue = "deploy/local/jwt/private.pem",
            description = "measure-rebuild: the development key that signs the admin token.")
    Path key;

    @Override
    public Integer call() throws Exception {
        return switch (action) {
            case "produce" -> produce();
            case "raw-read" -> rawRead();
            case "measure-backlog" -> measureBacklog();
            case "measure-latency" -> measureLatency();
            case "measure-rebuild" -> measureRebuild();
            default -> {
                System.err.println("unknown action " + action);
                yield 2;
            }
        };
    }

    private int produce() {
        int tickets = events / EVENTS_PER_TICKET;
        Instant first = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        try (KafkaProducer<String, byte[]> producer = BenchRecords.producer(kafka)) {
            for (int i = 0; i < tickets; i++) {
                Instant opened = first.plusSeconds(i * 2L);
                Instant answered = opened.plusSeconds(30 + i % 600);
                Instant resolved = opened.plusSeconds(3600 + (i % 50) * 3600L);
                TicketFacts open = new TicketFacts(UUID.randomUUID(), "BENCH-" + (i % 5000), Channel.values()[i % 6],
                        Category.values()[i % 6], Priority.values()[i % 4], TicketStatus.OPEN, "team-" + (i % 20),
                        "agent-" + (i % 200), "dept-" + (i % 5));
                TicketFacts done = new TicketFacts(open.ticketId(), open.customerId(), open.channel(), open.category(),
                        open.priority(), TicketStatus.RESOLVED, open.team(), open.agent(), open.department());
                SlaClockFacts clock = new SlaClockFacts(UUID.randomUUID(), open.ticketId(), "FIRST_RESPONSE", "bench",
                        Duration.ofHours(1), "24x7", open.channel(), open.category(), open.priority(), open.team(), open.agent());
                int csat = 1 + i % 5;
                producer.send(BenchRecords.record(new TicketOpened(open, null, "kpi-bench", List.of(), opened, null), opened, "kpi-bench"));
                producer.send(BenchRecords.record(new SlaClockStarted(clock, opened, opened.plus(Duration.ofHours(1))), opened, "kpi-bench"));
                producer.send(BenchRecords.record(new FirstResponse(open, UUID.randomUUID(), open.agent(), answered, opened, null), answered, "kpi-bench"));
                producer.send(BenchRecords.record(new SlaMet(clock, answered.getEpochSecond() - opened.getEpochSecond(), answered), answered, "kpi-bench"));
                producer.send(BenchRecords.record(new TicketResolved(done, "FIXED", opened, resolved, 1 + i % 3, 0, null), resolved, "kpi-bench"));
                producer.send(BenchRecords.record(new SurveyCompleted(UUID.randomUUID(), done, "TICKET_RESOLVED", null, csat,
                        (i * 7) % 11, 1 + i % 7, null, null, csat >= 4 ? "SATISFIED" : csat == 3 ? "NEUTRAL" : "UNSATISFIED",
                        "PASSIVE", "NEUTRAL", csat <= 2, false, resolved, resolved.plusSeconds(3600), resolved.plusSeconds(7200)),
                        resolved.plusSeconds(7200), "kpi-bench"));
            }
            producer.flush();
        }
        System.out.printf("produced %d events (%d tickets × %d) on %s%n", tickets * EVENTS_PER_TICKET, tickets,
                EVENTS_PER_TICKET, TOPICS);
        return 0;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, List<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        return partitions;
    }

    /** The baseline: a plain consumer reading the whole backlog of the three topics. */
    private int rawRead() {
        try (KafkaConsumer<String, byte[]> consumer = BenchRecords.consumer(kafka)) {
            List<TopicPartition> partitions = partitions(consumer, TOPICS);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
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

    /** kpi-service's rate through the backlog: from its first commit to the commit of the last record. */
    private int measureBacklog() throws Exception {
        try (KafkaConsumer<String, byte[]> consumer = BenchRecords.consumer(kafka);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            List<TopicPartition> partitions = partitions(consumer, TOPICS);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long total = ends.values().stream().mapToLong(Long::longValue).sum();
            long deadline = System.nanoTime() + patience.toNanos();
            long firstProgressNanos = 0;
            long lastCommitted = -1;
            long firstCommitted = 0;
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("kpi-service")
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                long done = partitions.stream().mapToLong(tp -> committed.get(tp) == null ? 0 : committed.get(tp).offset()).sum();
                if (done > 0 && firstProgressNanos == 0) {
                    firstProgressNanos = System.nanoTime();
                    firstCommitted = done;
                }
                if (done != lastCommitted) {
                    System.out.printf("  committed %d of %d%n", done, total);
                    lastCommitted = done;
                }
                if (done >= total) {
                    double seconds = (System.nanoTime() - firstProgressNanos) / 1e9;
                    long counted = total - firstCommitted;
                    System.out.printf("backlog applied: %d events in %.1f s after the first commit = %.0f events/s%n",
                            counted, seconds, counted / Math.max(0.001, seconds));
                    return 0;
                }
                Thread.sleep(1000);
            }
            System.out.printf("backlog not applied within %s: %d of %d%n", patience, lastCommitted, total);
            return 1;
        }
    }

    /**
     * A rebuild asked of {@code --url}, timed from the request to the first status that says every
     * partition is replayed (polled every 100 ms); the rate is over every event of the four topics.
     */
    private int measureRebuild() throws Exception {
        long events;
        try (KafkaConsumer<String, byte[]> consumer = BenchRecords.consumer(kafka)) {
            List<TopicPartition> partitions = partitions(consumer, REBUILT_TOPICS);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            events = consumer.endOffsets(partitions).entrySet().stream().mapToLong(e -> e.getValue() - begin.get(e.getKey())).sum();
        }
        awaitGroupMembers();
        String token = TokenCommand.mint(TokenCommand.readKey(key), "pledge-dev", "pledge", "kpi-bench@pledge.local",
                Set.of("admin"), Duration.ofHours(1));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI rebuild = URI.create(url + "/api/v1/kpis/rebuild");
        long began = System.nanoTime();
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(rebuild).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            System.err.printf("rebuild refused: %d %s%n", started.statusCode(), started.body());
            return 1;
        }
        long deadline = began + patience.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = EventCodec.parse(http.send(HttpRequest.newBuilder(rebuild).header("Authorization", "Bearer " + token)
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray()).body());
            if ("DONE".equals(status.path("state").asText())) {
                double seconds = (System.nanoTime() - began) / 1e9;
                System.out.printf("rebuild with %d replica(s): %d events (%d partitions) replayed in %.1f s = %.0f events/s%n",
                        replicas, events, status.path("partitions").asLong(), seconds, events / seconds);
                return 0;
            }
            Thread.sleep(100);
        }
        System.out.printf("rebuild with %d replica(s) not done within %s%n", replicas, patience);
        return 1;
    }

    /** Until consumer group kpi-service has {@code --replicas} members, each holding partitions. */
    private void awaitGroupMembers() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (System.nanoTime() < deadline) {
                var members = admin.describeConsumerGroups(List.of("kpi-service")).all().get(30, TimeUnit.SECONDS)
                        .get("kpi-service").members();
                if (members.size() == replicas && members.stream().noneMatch(m -> m.assignment().topicPartitions().isEmpty())) {
                    return;
                }
                Thread.sleep(500);
            }
            throw new IllegalStateException("consumer group kpi-service did not reach " + replicas + " members");
        }
    }

    /** Steady publication; each event timed to the first snapshot of its team's count that includes it. */
    private int measureLatency() throws Exception {
        String team = "bench-live-" + UUID.randomUUID().toString().substring(0, 8);
        int total = (int) (duration.toSeconds() * rate);
        long[] publishedAt = new long[total + 1];
        ConcurrentSkipListMap<Long, Long> firstSnapshotAt = new ConcurrentSkipListMap<>();
        awaitSnapshotsSettled();
        Thread reader = new Thread(() -> readSnapshots(team, total, firstSnapshotAt), "snapshot-reader");
        reader.start();
        Thread.sleep(2000); // the reader is at the end of the topic
        try (KafkaProducer<String, byte[]> producer = BenchRecords.producer(kafka)) {
            long began = System.nanoTime();
            for (int i = 1; i <= total; i++) {
                long due = began + (long) ((i - 1) * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                Instant now = Instant.now();
                TicketFacts facts = new TicketFacts(UUID.randomUUID(), "BENCH-LIVE", Channel.CHAT, Category.INQUIRY,
                        Priority.NORMAL, TicketStatus.OPEN, team, null, null);
                int seq = i;
                producer.send(BenchRecords.record(new TicketOpened(facts, null, "kpi-bench", List.of(), now, null), now, "kpi-bench"),
                        (metadata, error) -> {
                            if (error == null) {
                                publishedAt[seq] = metadata.timestamp();
                            }
                        });
            }
            producer.flush();
        }
        reader.join(Duration.ofMinutes(5).toMillis());
        Histogram delays = new Histogram(3_600_000L, 3);
        int reflected = 0;
        for (int i = 1; i <= total; i++) {
            Map.Entry<Long, Long> snapshot = firstSnapshotAt.ceilingEntry((long) i);
            if (snapshot != null && publishedAt[i] > 0) {
                delays.recordValue(Math.max(0, snapshot.getValue() - publishedAt[i]));
                reflected++;
            }
        }
        System.out.printf("latency at %d events/s for %s: %d of %d events reflected; publication to snapshot p50=%d ms"
                        + " p99=%d ms max=%d ms%n", rate, duration, reflected, total, delays.getValueAtPercentile(50),
                delays.getValueAtPercentile(99), delays.getMaxValue());
        return reflected == total ? 0 : 1;
    }

    /**
     * Steady state first: after a backlog, kpi-service still publishes the snapshots of the past
     * buckets it changed; the latency is measured once the snapshot topic has been quiet for 5 s.
     */
    private void awaitSnapshotsSettled() throws InterruptedException {
        try (KafkaConsumer<String, byte[]> consumer = BenchRecords.consumer(kafka)) {
            List<TopicPartition> partitions = partitions(consumer, List.of(Topics.KPI_SNAPSHOTS));
            long began = System.nanoTime();
            long last = -1;
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(5)) {
                long end = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
                if (end != last) {
                    last = end;
                    quietSince = System.nanoTime();
                }
                Thread.sleep(500);
            }
            System.out.printf("snapshots settled: %d on the topic, quiet for 5 s after %.1f s%n", last,
                    (System.nanoTime() - began) / 1e9 - 5);
        }
    }

    /** Records, per count value, when the first snapshot showing at least it reached Kafka. */
    private void readSnapshots(String team, int total, ConcurrentSkipListMap<Long, Long> firstSnapshotAt) {
        String prefix = "tickets.opened/team=" + team + "/day:";
        try (KafkaConsumer<String, byte[]> consumer = BenchRecords.consumer(kafka)) {
            List<TopicPartition> partitions = partitions(consumer, List.of(Topics.KPI_SNAPSHOTS));
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            long seen = 0;
            long deadline = System.nanoTime() + duration.plus(Duration.ofMinutes(5)).toNanos();
            while (seen < total && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && record.key().startsWith(prefix)) {
                        long value = (long) EventCodec.parse(record.value()).path("value").asDouble();
                        firstSnapshotAt.putIfAbsent(value, record.timestamp());
                        seen = Math.max(seen, value);
                    }
                }
            }
        }
    }
}
