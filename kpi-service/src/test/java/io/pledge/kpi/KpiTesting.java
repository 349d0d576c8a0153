package io.pledge.kpi;

import io.pledge.contracts.Topics;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import io.pledge.platform.testing.Tokens;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Puts events before kpi-service and reads what it made of them. */
public final class KpiTesting {

    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final byte[] MARKER = "marker".getBytes(StandardCharsets.UTF_8);

    private KpiTesting() {
    }

    /**
     * Sends the records, then behind each of their keys a record only the dead-letter topic takes,
     * and waits until every such marker is there: a marker follows its key's records on their
     * partition and is dead-lettered after its poll is applied, so they all have been.
     */
    @SafeVarargs
    public static void deliver(ProducerRecord<String, byte[]>... records) {
        Map<String, Set<String>> keysByTopic = new LinkedHashMap<>();
        for (ProducerRecord<String, byte[]> record : records) {
            keysByTopic.computeIfAbsent(record.topic(), t -> new LinkedHashSet<>()).add(record.key());
        }
        List<ProducerRecord<String, byte[]>> all = new ArrayList<>(List.of(records));
        keysByTopic.forEach((topic, keys) -> keys.forEach(key -> all.add(new ProducerRecord<>(topic, key, MARKER))));
        Map<String, TopicReader> deadLetters = new LinkedHashMap<>();
        keysByTopic.keySet().forEach(t -> deadLetters.put(t, KafkaTestSupport.readFromNowOn(Topics.deadLetterOf(t))));
        try {
            @SuppressWarnings("unchecked")
            ProducerRecord<String, byte[]>[] toSend = all.toArray(new ProducerRecord[0]);
            KafkaTestSupport.send(toSend);
            deadLetters.forEach((topic, dlq) -> await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() ->
                    dlq.records(r -> "marker".equals(new String(r.value(), StandardCharsets.UTF_8))).stream()
                            .map(r -> r.key()).collect(Collectors.toSet()).containsAll(keysByTopic.get(topic))));
        } finally {
            deadLetters.values().forEach(TopicReader::close);
        }
    }

    /** The monthly scorecard of a team. */
    public static Map<String, Object> scorecard(String team, String month) {
        return given().auth().oauth2(Tokens.withRoles("supervisor")).queryParam("team", team).queryParam("month", month)
                .get("/api/v1/kpis/scorecard").then().statusCode(200).extract().as(Map.class);
    }

    /** One KPI's line of a scorecard: metric, value, samples, target, status... */
    public static Map<String, Object> line(Map<String, Object> scorecard, String metric) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> kpis = (List<Map<String, Object>>) scorecard.get("kpis");
        return kpis.stream().filter(k -> metric.equals(k.get("metric"))).findFirst().orElseThrow();
    }
}
