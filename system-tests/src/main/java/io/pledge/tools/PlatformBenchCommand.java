package io.pledge.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.pledge.contracts.EventCodec;
import io.pledge.contracts.Topics;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark of the whole platform (issue #17), driven by bench/platform.sh. {@code drive} opens
 * tickets open-loop at a rising rate — on a schedule, whatever the answers take, from a pool of
 * HTTP clients — and walks each through a full life over the REST APIs: open, first reply, for one
 * in {@code --conversation-every} a customer message and a reply, resolve, and for one in
 * {@code --survey-every} the survey answered through its link (read from pledge.surveys.links, as
 * the customer's page would); one in {@code --complaint-every} is opened as a COMPLAINT, which
 * complaint-service registers from ticket.opened. It reads every event of the run's tickets from
 * Kafka and writes, for the script's SQL, each event's id and Kafka timestamp ({@code events.csv}),
 * the tickets ({@code tickets.csv}) and each step's REST figures ({@code steps.csv}). {@code
 * report} joins those with the consumers' lags the script computed in each database and prints the
 * tables for docs/benchmarks.md with the platform's figure beside intake alone's.
 */
@Command(name = "platform-bench", mixinStandardHelpOptions = true,
        description = "Whole-platform benchmark: drive | report")
class PlatformBenchCommand implements Callable<Integer> {

    /** The consumers' lags that decide the platform's figure, as bench/platform.sh names them. */
    static final List<String> EFFECTS = List.of("sla clock started", "complaint registered", "survey scheduled", "KPI counted");
    private static final long ONE_SECOND_MS = 1000;
    private static final double SUSTAINED = 0.95;
    private static final String[] CHANNELS = {"PHONE", "EMAIL", "CHAT", "WEB", "WALK_IN", "SOCIAL"};
    private static final String[] OTHER_CATEGORIES = {"INQUIRY", "SUGGESTION", "FAULT", "TRAINING", "OTHER"};
    private static final String[] PRIORITIES = {"URGENT", "HIGH", "NORMAL", "NORMAL", "LOW"};
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final List<String> TOPICS = List.of(Topics.TICKETS, Topics.SLA, Topics.COMPLAINTS, Topics.SURVEYS,
            Topics.SURVEY_LINKS);

    @Parameters(index = "0", description = "drive or report")
    String action;

    @Option(names = "--rates", split = ",", defaultValue = "5,10,20,40,80",
            description = "drive: opened tickets per second, one step each (default: ${DEFAULT-VALUE}).")
    List<Integer> rates;

    @Option(names = "--step", defaultValue = "PT60S", description = "drive: length of a step (default: ${DEFAULT-VALUE}).")
    Duration step;

    @Option(names = "--warm-up", defaultValue = "PT30S",
            description = "drive: lives at the first rate before the steps, not measured; then the steps begin once every "
                    + "consumer group with members has caught up (default: ${DEFAULT-VALUE}).")
    Duration warmUp;

    @Option(names = "--extend", defaultValue = "0",
            description = "drive: after the last rate, up to this many further steps at twice the rate while each is sustained.")
    int extend;

    @Option(names = "--answer-surveys", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "drive: answer one in --survey-every surveys (off for intake alone: survey-service is stopped).")
    boolean answerSurveys;

    @Option(names = "--complaint-every", defaultValue = "10")
    int complaintEvery;

    @Option(names = "--conversation-every", defaultValue = "3")
    int conversationEvery;

    @Option(names = "--survey-every", defaultValue = "4")
    int surveyEvery;

    @Option(names = "--pool", defaultValue = "256", description = "drive: threads walking lives (default: ${DEFAULT-VALUE}).")
    int pool;

    @Option(names = "--http-clients", defaultValue = "8",
            description = "drive: HttpClient instances (connection pools) the lives share (default: ${DEFAULT-VALUE}).")
    int httpClients;

    @Option(names = "--subjects", defaultValue = "16",
            description = "drive: integration tokens, one subject each, like as many CRM connections: the rate limit "
                    + "is per subject (default: ${DEFAULT-VALUE}).")
    int subjects;

    @Option(names = "--settle", defaultValue = "PT10S",
            description = "drive: after the last life, the topics quiet this long ends the run (default: ${DEFAULT-VALUE}).")
    Duration settle;

    @Option(names = "--patience", defaultValue = "PT3M", description = "drive: at most this long after the last life.")
    Duration patience;

    @Option(names = "--intake", defaultValue = "http://127.0.0.1:8081")
    URI intake;

    @Option(names = "--survey", defaultValue = "http://127.0.0.1:8084", description = "Where the survey links' API is.")
    URI survey;

    @Option(names = "--kafka", defaultValue = "127.0.0.1:9092")
    String kafka;

    @Option(names = "--key", defaultValue = "deploy/local/jwt/private.pem", description = "Development signing key.")
    Path key;

    @Option(names = "--out", description = "drive: directory for steps.csv, events.csv, tickets.csv.")
    Path out;

    @Option(names = "--platform", description = "report: drive's directory of the platform run (with lags.csv).")
    Path platformDir;

    @Option(names = "--intake-alone", description = "report: drive's directory of the intake-alone run.")
    Path intakeDir;

    @Override
    public Integer call() throws Exception {
        return switch (action) {
            case "drive" -> drive();
            case "report" -> report();
            default -> {
                System.err.println("unknown action " + action);
                yield 2;
            }
        };
    }

    // ---------------------------------------------------------------------------------- drive --

    /** One ticket's life. */
    private static final class Life {
        final int seq;
        /** 0: the warm-up's, left out of the figures. */
        final int step;
        final Step measured;
        final boolean complaint;
        final boolean conversation;
        final boolean surveyWanted;
        final String team;
        volatile String ticketId;
        volatile boolean resolved;
        volatile boolean surveyAnswered;

        Life(int seq, int step, Step measured, boolean complaint, boolean conversation, boolean surveyWanted, String team) {
            this.seq = seq;
            this.step = step;
            this.measured = measured;
            this.complaint = complaint;
            this.conversation = conversation;
            this.surveyWanted = surveyWanted;
            this.team = team;
        }
    }

    /** What one step measured; the lives of a step are counted in it, whenever their calls end. */
    private static final class Step {
        final int rate;
        final long startNanos;
        final long endNanos;
        final Histogram calls = new ConcurrentHistogram(3_600_000_000L, 3);
        final Histogram startDelay = new ConcurrentHistogram(3_600_000_000L, 3);
        final AtomicLong failed = new AtomicLong();
        final AtomicInteger scheduled = new AtomicInteger();
        /** Tickets whose POST /tickets was answered 201 within the step's window. */
        final AtomicInteger openedInWindow = new AtomicInteger();

        Step(int rate, long startNanos, long endNanos) {
            this.rate = rate;
            this.startNanos = startNanos;
            this.endNanos = endNanos;
        }

        boolean sustained() {
            double seconds = (endNanos - startNanos) / 1e9;
            return failed.get() == 0 && openedInWindow.get() >= SUSTAINED * rate * seconds
                    && calls.getValueAtPercentile(99) <= ONE_SECOND_MS * 1000;
        }
    }

    private record Seen(String eventId, String topic, String type, String key, long timestamp) {
    }

    private final Map<String, Life> lives = new ConcurrentHashMap<>();
    private final List<Life> allLives = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private final Queue<Seen> seen = new ConcurrentLinkedQueue<>();
    private final AtomicLong lastSeenNanos = new AtomicLong(System.nanoTime());
    private final AtomicInteger livesInFlight = new AtomicInteger();
    private final AtomicInteger surveysInFlight = new AtomicInteger();
    private List<HttpClient> clients;
    private List<String> tokens;
    private ExecutorService walkers;
    private String runTag;

    private int drive() throws Exception {
        Files.createDirectories(out);
        runTag = UUID.randomUUID().toString().substring(0, 8);
        tokens = new ArrayList<>();
        var signingKey = TokenCommand.readKey(key);
        Duration ttl = step.multipliedBy(rates.size() + extend).plus(patience).plusMinutes(10);
        for (int s = 0; s < subjects; s++) {
            tokens.add(TokenCommand.mint(signingKey, "pledge-dev", "pledge", "platform-bench-" + s + "@pledge.local",
                    Set.of("integration"), ttl));
        }
        clients = new ArrayList<>();
        for (int c = 0; c < httpClients; c++) {
            // HTTP/1.1, as CRMs mostly speak it (the simulator's choice too)
            clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build());
        }
        walkers = Executors.newFixedThreadPool(pool);

        AtomicBoolean reading = new AtomicBoolean(true);
        Map<TopicPartition, Long> from = endOffsets();
        Thread reader = new Thread(() -> read(from, reading), "kafka-reader");
        reader.start();

        int seq = 0;
        if (!warmUp.isZero()) {
            long warmStart = System.nanoTime();
            Step warm = new Step(rates.get(0), warmStart, warmStart + warmUp.toNanos());
            seq = schedule(warm, 0, seq);
            awaitLives();
            System.out.printf(Locale.ROOT, "warm-up: %d lives at %d/s; consumers caught up %s%n", seq, warm.rate,
                    awaitConsumersCaughtUp());
        }
        long stepStart = System.nanoTime();
        List<Integer> ladder = new ArrayList<>(rates);
        for (int index = 0; index < ladder.size(); index++) {
            int rate = ladder.get(index);
            Step current = new Step(rate, stepStart, stepStart + step.toNanos());
            steps.add(current);
            seq = schedule(current, index + 1, seq);
            System.out.printf(Locale.ROOT, "step %d: %d/s asked, %d opened within the step (%.1f/s), %d failed so far%n",
                    index + 1, rate, current.openedInWindow.get(), current.openedInWindow.get() / (step.toNanos() / 1e9),
                    current.failed.get());
            if (index == ladder.size() - 1 && ladder.size() < rates.size() + extend && current.sustained()) {
                ladder.add(rate * 2);
            }
            stepStart = current.endNanos;
        }

        awaitLives();
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline && (livesInFlight.get() > 0 || surveysInFlight.get() > 0
                || surveysOutstanding() > 0 || System.nanoTime() - lastSeenNanos.get() < settle.toNanos())) {
            Thread.sleep(200);
        }
        reading.set(false);
        reader.join();
        walkers.shutdown();
        walkers.awaitTermination(1, TimeUnit.MINUTES);

        writeFiles();
        printSteps();
        long unknown = seen.stream().filter(s -> s.key() == null || !lives.containsKey(s.key())).count();
        long opened = allLives.stream().filter(l -> l.ticketId != null).count();
        long openedOnKafka = seen.stream().filter(s -> "ticket.opened".equals(s.type()) && s.key() != null && lives.containsKey(s.key())).count();
        System.out.printf(Locale.ROOT, "lives (the warm-up's included): %d scheduled, %d opened, %d resolved; surveys: %d wanted, %d answered;"
                        + " kafka: %d events of the run's tickets (%d ticket.opened), %d others%n",
                allLives.size(), opened, allLives.stream().filter(l -> l.resolved).count(),
                allLives.stream().filter(l -> l.surveyWanted && l.resolved).count(),
                allLives.stream().filter(l -> l.surveyAnswered).count(), seen.size() - unknown, openedOnKafka, unknown);
        return steps.stream().allMatch(s -> s.failed.get() == 0) && openedOnKafka == opened ? 0 : 1;
    }

    /** Starts the step's lives on its schedule, open-loop, until the step's end; returns the next sequence number. */
    private int schedule(Step current, int number, int seq) throws InterruptedException {
        int count = (int) Math.round(current.rate * (current.endNanos - current.startNanos) / 1e9);
        for (int i = 0; i < count; i++) {
            long due = current.startNanos + (long) (i * 1e9 / current.rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            Life life = new Life(seq, number, current, seq % complaintEvery == 0, seq % conversationEvery == 0,
                    answerSurveys && seq % complaintEvery != 0 && seq % surveyEvery == 1,
                    "platform-bench-" + runTag + "-" + seq % 5);
            seq++;
            allLives.add(life);
            current.scheduled.incrementAndGet();
            livesInFlight.incrementAndGet();
            walkers.execute(() -> walk(life, current, due));
        }
        long wait = current.endNanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        return seq;
    }

    /** Until every life started has ended, at most --patience. */
    private void awaitLives() throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (livesInFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    /**
     * Until every consumer group with members has committed the end of its partitions (the running
     * services' consumers are through the warm-up's events), at most --patience; says after how long.
     */
    private String awaitConsumersCaughtUp() throws InterruptedException {
        long began = System.nanoTime();
        long deadline = began + patience.toNanos();
        long behind = -1;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            while (System.nanoTime() < deadline) {
                List<String> groups = admin.listGroups().all().get(30, TimeUnit.SECONDS).stream()
                        .filter(g -> "consumer".equals(g.protocol())).map(GroupListing::groupId).toList();
                List<String> active = admin.describeConsumerGroups(groups).all().get(30, TimeUnit.SECONDS).values().stream()
                        .filter(g -> !g.members().isEmpty()).map(ConsumerGroupDescription::groupId).toList();
                behind = 0;
                for (String group : active) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                    Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
                    committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                    var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
                    for (var entry : committed.entrySet()) {
                        if (entry.getValue() != null) {
                            behind += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
                        }
                    }
                }
                if (behind == 0) {
                    return String.format(Locale.ROOT, "after %.1f s (%d groups)", (System.nanoTime() - began) / 1e9, active.size());
                }
                Thread.sleep(1000);
            }
        } catch (ExecutionException | TimeoutException e) {
            return "unknown (" + e + ")";
        }
        return "NOT within " + patience + " (" + behind + " records behind)";
    }

    private long surveysOutstanding() {
        return allLives.stream().filter(l -> l.surveyWanted && l.resolved && !l.surveyAnswered).count();
    }

    private void walk(Life life, Step step, long dueNanos) {
        step.startDelay.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - dueNanos)));
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HttpClient http = clients.get(life.seq % clients.size());
        String token = tokens.get(life.seq % tokens.size());
        try {
            String body = """
                    {"channel": "%s", "category": "%s", "priority": "%s", "subject": "Platform benchmark",
                     "customer": {"externalId": "PB-%s"}, "team": "%s"}
                    """.formatted(CHANNELS[random.nextInt(CHANNELS.length)],
                    life.complaint ? "COMPLAINT" : OTHER_CATEGORIES[random.nextInt(OTHER_CATEGORIES.length)],
                    PRIORITIES[random.nextInt(PRIORITIES.length)], UUID.randomUUID(), life.team);
            HttpResponse<String> opened = call(http, step, post(intake.resolve("/api/v1/tickets"), token, body)
                    .header("Idempotency-Key", UUID.randomUUID().toString()).build());
            Matcher id = ID.matcher(opened == null ? "" : opened.body());
            if (opened == null || opened.statusCode() != 201 || !id.find()) {
                step.failed.incrementAndGet();
                return;
            }
            if (System.nanoTime() < step.endNanos) {
                step.openedInWindow.incrementAndGet();
            }
            life.ticketId = id.group(1);
            lives.put(life.ticketId, life);
            URI messages = intake.resolve("/api/v1/tickets/" + life.ticketId + "/messages");
            String agent = "agent-" + life.seq % 50;
            String reply = "{\"author\": \"AGENT\", \"agent\": \"" + agent + "\", \"body\": \"Looking into it.\"}";
            List<HttpRequest> rest = new ArrayList<>();
            rest.add(post(messages, token, reply).build());
            if (life.conversation) {
                rest.add(post(messages, token, "{\"author\": \"CUSTOMER\", \"body\": \"Any news?\"}").build());
                rest.add(post(messages, token, reply).build());
            }
            rest.add(post(intake.resolve("/api/v1/tickets/" + life.ticketId + "/resolution"), token,
                    "{\"resolutionCode\": \"FIXED\"}").build());
            for (HttpRequest request : rest) {
                HttpResponse<String> answer = call(http, step, request);
                if (answer == null || answer.statusCode() / 100 != 2) {
                    step.failed.incrementAndGet();
                    return;
                }
            }
            life.resolved = true;
        } finally {
            livesInFlight.decrementAndGet();
        }
    }

    /** The customer opens the survey's link (the questions), then answers every question it asks. */
    private void answer(Life life, String link) {
        Step step = life.measured;
        HttpClient http = clients.get(life.seq % clients.size());
        // as through the ingress: each customer from an address of their own (the public links' rate limit is per address)
        String address = "10." + (life.seq >> 16 & 255) + "." + (life.seq >> 8 & 255) + "." + (life.seq & 255);
        URI api = survey.resolve("/api/v1" + URI.create(link).getPath());
        try {
            HttpResponse<String> questions = call(http, step, HttpRequest.newBuilder(api).timeout(Duration.ofSeconds(30))
                    .header("X-Forwarded-For", address).GET().build());
            if (questions == null || questions.statusCode() != 200) {
                step.failed.incrementAndGet();
                return;
            }
            JsonNode asked = EventCodec.parse(questions.body().getBytes(StandardCharsets.UTF_8)).path("questions");
            ThreadLocalRandom random = ThreadLocalRandom.current();
            StringBuilder body = new StringBuilder("{\"comment\": \"Thanks\"");
            if (asked.path("csat").asBoolean()) {
                body.append(", \"csat\": ").append(3 + random.nextInt(3));
            }
            if (asked.path("nps").asBoolean()) {
                body.append(", \"nps\": ").append(6 + random.nextInt(5));
            }
            if (asked.path("ces").asBoolean()) {
                body.append(", \"ces\": ").append(4 + random.nextInt(4));
            }
            List<String> dimensions = new ArrayList<>();
            asked.path("dimensions").forEach(d -> dimensions.add("\"" + d.path("name").asText() + "\": " + (3 + random.nextInt(3))));
            if (!dimensions.isEmpty()) {
                body.append(", \"dimensions\": {").append(String.join(", ", dimensions)).append('}');
            }
            body.append('}');
            HttpResponse<String> answered = call(http, step, HttpRequest.newBuilder(api).timeout(Duration.ofSeconds(30))
                    .header("X-Forwarded-For", address).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
            if (answered == null || answered.statusCode() != 200) {
                step.failed.incrementAndGet();
                return;
            }
            life.surveyAnswered = true;
        } finally {
            surveysInFlight.decrementAndGet();
        }
    }

    private static HttpRequest.Builder post(URI uri, String token, String body) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** One REST call, timed into the step's histogram; null if it did not get an answer. */
    private static HttpResponse<String> call(HttpClient http, Step step, HttpRequest request) {
        long t0 = System.nanoTime();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            step.calls.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t0));
        }
    }

    private Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<String, byte[]> consumer = BenchRecords.consumer(kafka)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            return consumer.endOffsets(partitions, Duration.ofSeconds(30));
        }
    }

    /** Every record on the topics from {@code from} on; a survey link of a life that answers is handed to a walker. */
    private void read(Map<TopicPartition, Long> from, AtomicBoolean reading) {
        try (KafkaConsumer<String, byte[]> consumer = BenchRecords.consumer(kafka)) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            while (reading.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    lastSeenNanos.set(System.nanoTime());
                    String type = header(record, "ce_type");
                    if (record.topic().equals(Topics.SURVEY_LINKS)) {
                        Life life = record.key() == null ? null : lives.get(record.key());
                        if ("survey.link-issued".equals(type) && life != null && life.surveyWanted && !life.surveyAnswered
                                && "survey.sent".equals(EventCodec.parse(record.value()).path("announcedType").asText())) {
                            String link = EventCodec.parse(record.value()).path("link").asText();
                            surveysInFlight.incrementAndGet();
                            walkers.execute(() -> answer(life, link));
                        }
                        continue;
                    }
                    seen.add(new Seen(header(record, "ce_id"), record.topic(), type, record.key(), record.timestamp()));
                }
            }
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void writeFiles() throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("events.csv")))) {
            w.println("event_id,topic,type,ticket_id,step,complaint,kafka_ms");
            for (Seen s : seen) {
                Life life = s.key() == null ? null : lives.get(s.key());
                if (life != null && life.step > 0 && s.eventId() != null) {
                    w.printf("%s,%s,%s,%s,%d,%s,%d%n", s.eventId(), s.topic(), s.type(), s.key(), life.step, life.complaint, s.timestamp());
                }
            }
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("tickets.csv")))) {
            w.println("ticket_id,step,complaint,conversation,resolved,survey_wanted,survey_answered");
            for (Life l : allLives) {
                if (l.ticketId != null && l.step > 0) {
                    w.printf("%s,%d,%s,%s,%s,%s,%s%n", l.ticketId, l.step, l.complaint, l.conversation, l.resolved,
                            l.surveyWanted, l.surveyAnswered);
                }
            }
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("steps.csv")))) {
            w.println("step,rate,seconds,scheduled,opened_in_window,achieved,calls,failed,p50_ms,p99_ms,max_ms,start_delay_p99_ms");
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                double seconds = (s.endNanos - s.startNanos) / 1e9;
                w.printf(Locale.ROOT, "%d,%d,%.1f,%d,%d,%.1f,%d,%d,%.1f,%.1f,%.1f,%.1f%n", i + 1, s.rate, seconds, s.scheduled.get(),
                        s.openedInWindow.get(), s.openedInWindow.get() / seconds, s.calls.getTotalCount(), s.failed.get(),
                        s.calls.getValueAtPercentile(50) / 1000.0, s.calls.getValueAtPercentile(99) / 1000.0,
                        s.calls.getMaxValue() / 1000.0, s.startDelay.getValueAtPercentile(99) / 1000.0);
            }
        }
        // the window of the run, for the script's queries (processed_at since then)
        Files.writeString(out.resolve("began-epoch-ms"), Long.toString(System.currentTimeMillis()
                - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - steps.get(0).startNanos)));
    }

    private void printSteps() throws IOException {
        Files.readAllLines(out.resolve("steps.csv")).forEach(System.out::println);
    }

    // --------------------------------------------------------------------------------- report --

    private record StepRow(int step, int rate, double seconds, int scheduled, int opened, double achieved, long calls,
                           long failed, double p50, double p99, double max, double startDelayP99) {

        boolean keptUp() {
            return failed == 0 && opened >= SUSTAINED * rate * seconds;
        }
    }

    /** One line of lags.csv: kind (effect or consumer), name, step, count, p50, p99, max, p99 of the upper bound (ms). */
    private record LagRow(String kind, String name, int step, long count, long p50, long p99, long max, Long upperP99) {
    }

    private static List<StepRow> readSteps(Path dir) throws IOException {
        List<StepRow> rows = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("steps.csv")).stream().skip(1).toList()) {
            String[] f = line.split(",");
            rows.add(new StepRow(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Double.parseDouble(f[2]), Integer.parseInt(f[3]),
                    Integer.parseInt(f[4]), Double.parseDouble(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]),
                    Double.parseDouble(f[8]), Double.parseDouble(f[9]), Double.parseDouble(f[10]), Double.parseDouble(f[11])));
        }
        return rows;
    }

    private static List<LagRow> readLags(Path file) throws IOException {
        List<LagRow> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split(",", -1);
            if (f.length == 8) {
                rows.add(new LagRow(f[0], f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
                        Long.parseLong(f[5]), Long.parseLong(f[6]), f[7].isEmpty() ? null : Long.parseLong(f[7])));
            }
        }
        return rows;
    }

    private int report() throws IOException {
        List<StepRow> platform = readSteps(platformDir);
        List<LagRow> lags = readLags(platformDir.resolve("lags.csv"));
        Map<String, LagRow> effect = new LinkedHashMap<>();
        lags.stream().filter(l -> l.kind().equals("effect")).forEach(l -> effect.put(l.name() + "#" + l.step(), l));

        System.out.println("Whole platform — REST: all calls of the step's lives; lag: Kafka timestamp → processed_at,"
                + " p50 / p99 ms (in brackets: p99 of the upper bound, the consumer's next transaction's start)");
        System.out.println();
        System.out.println("| step | asked/s | opened/s | REST p50 / p99 ms | " + String.join(" | ", EFFECTS) + " | every p99 ≤ 1 s |");
        System.out.println("|---:|---:|---:|---|" + "---|".repeat(EFFECTS.size()) + "---|");
        int platformFigure = 0;
        int conservativeFigure = 0;
        for (StepRow s : platform) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %d | %d | %.1f | %.0f / %.0f |", s.step(), s.rate(),
                    s.achieved(), s.p50(), s.p99()));
            boolean within = s.keptUp();
            boolean withinUpper = s.keptUp();
            for (String name : EFFECTS) {
                LagRow lag = effect.get(name + "#" + s.step());
                if (lag == null) {
                    row.append(" — |");
                    within = false;
                    withinUpper = false;
                    continue;
                }
                row.append(String.format(Locale.ROOT, " %d / %d (%s) |", lag.p50(), lag.p99(),
                        lag.upperP99() == null ? "—" : lag.upperP99().toString()));
                within &= lag.p99() <= ONE_SECOND_MS;
                withinUpper &= lag.upperP99() != null && lag.upperP99() <= ONE_SECOND_MS;
            }
            row.append(within ? " yes |" : " no |");
            System.out.println(row);
            if (within && s.rate() > platformFigure) {
                platformFigure = s.rate();
            }
            if (withinUpper && s.rate() > conservativeFigure) {
                conservativeFigure = s.rate();
            }
        }
        System.out.println();
        System.out.println("Every consumer, all the events of its topic, lag p50 / p99 ms by step (count):");
        System.out.println();
        System.out.println("| consumer | " + String.join(" | ", platform.stream().map(s -> s.rate() + "/s").toList()) + " |");
        System.out.println("|---|" + "---|".repeat(platform.size()));
        lags.stream().filter(l -> l.kind().equals("consumer")).map(LagRow::name).distinct().sorted().forEach(name -> {
            StringBuilder row = new StringBuilder("| " + name + " |");
            for (StepRow s : platform) {
                row.append(lags.stream().filter(l -> l.kind().equals("consumer") && l.name().equals(name) && l.step() == s.step())
                        .findFirst().map(l -> String.format(Locale.ROOT, " %d / %d (%d) |", l.p50(), l.p99(), l.count())).orElse(" — |"));
            }
            System.out.println(row);
        });

        System.out.println();
        System.out.printf("platform's figure: %d tickets/s (every consumer's lag p99 ≤ 1 s by processed_at; "
                + "by the upper bound: %d tickets/s)%n", platformFigure, conservativeFigure);
        if (intakeDir == null) {
            return 0;
        }
        List<StepRow> alone = readSteps(intakeDir);
        System.out.println();
        System.out.println("Intake alone (the consumers stopped), the same lives without the survey answers:");
        System.out.println();
        System.out.println("| step | asked/s | opened/s | REST p50 / p99 ms | start delay p99 ms | sustained, p99 ≤ 1 s |");
        System.out.println("|---:|---:|---:|---|---:|---|");
        int intakeFigure = 0;
        for (StepRow s : alone) {
            boolean sustained = s.keptUp() && s.p99() <= ONE_SECOND_MS;
            System.out.printf(Locale.ROOT, "| %d | %d | %.1f | %.0f / %.0f | %.0f | %s |%n", s.step(), s.rate(), s.achieved(), s.p50(),
                    s.p99(), s.startDelayP99(), sustained ? "yes" : "no");
            if (sustained && s.rate() > intakeFigure) {
                intakeFigure = s.rate();
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "intake alone's figure: %d tickets/s; platform ÷ intake alone = %d / %d = %s (target ≥ 60 %%)%n",
                intakeFigure, platformFigure, intakeFigure,
                intakeFigure == 0 ? "—" : String.format(Locale.ROOT, "%.0f %%", 100.0 * platformFigure / intakeFigure));
        return 0;
    }
}
