package io.pledge.e2e;

import io.pledge.contracts.Topics;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.Tokens;
import io.restassured.RestAssured;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.pledge.e2e.LocalPlatform.Service.KPI;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A rebuild asked of one of two kpi-service replicas replays every partition of the four topics —
 * the other replica's too — and arrives at the numbers there were before it.
 */
class KpiRebuildReplicasIT {

    private static final int TICKETS = 24;
    private static final int SECOND_PORT = 18095;
    private static final List<String> TOPICS = List.of(Topics.TICKETS, Topics.SLA, Topics.COMPLAINTS, Topics.SURVEYS);

    @BeforeAll
    static void platform() {
        LocalPlatform.start();
    }

    private static Map<?, ?> scorecard(String team) {
        return KPI.as("supervisor").queryParam("team", team)
                .queryParam("month", YearMonth.now(ZoneOffset.UTC).toString())
                .get("/api/v1/kpis/scorecard").then().statusCode(200).extract().as(Map.class);
    }

    private static Object value(Map<?, ?> scorecard, String metric) {
        return ((List<?>) scorecard.get("kpis")).stream().map(k -> (Map<?, ?>) k)
                .filter(k -> metric.equals(k.get("metric"))).findFirst().orElseThrow().get("value");
    }

    /** The members of consumer group kpi-service, each with the partitions it holds. */
    private static Collection<MemberDescription> kpiConsumers(Admin admin) throws Exception {
        return admin.describeConsumerGroups(List.of("kpi-service")).all().get(30, TimeUnit.SECONDS)
                .get("kpi-service").members();
    }

    private static int partitionsOfTheFourTopics(Admin admin) throws Exception {
        return admin.describeTopics(TOPICS).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                .mapToInt(t -> t.partitions().size()).sum();
    }

    @Test
    void aRebuildAskedOfOneOfTwoReplicasReplaysEveryPartitionAndArrivesAtTheSameNumbers() throws Exception {
        Process second = LocalPlatform.startReplica(KPI, SECOND_PORT);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestSupport.bootstrapServers()))) {
            await("two kpi-service consumers sharing the partitions").atMost(Duration.ofSeconds(60)).until(() -> {
                Collection<MemberDescription> members = kpiConsumers(admin);
                return members.size() == 2 && members.stream().noneMatch(m -> m.assignment().topicPartitions().isEmpty());
            });
            // tickets keyed by random ids: their events spread over the partitions of both replicas.
            // E-mail inquiries: their SLA clocks (24 h) raise nothing while the test runs, so the
            // numbers stand still and the rebuilt ones can be compared with them
            String team = "kpi-replicas-" + UUID.randomUUID();
            for (int i = 0; i < TICKETS; i++) {
                Tickets.open("EMAIL", "INQUIRY", team);
            }
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    Double.valueOf(TICKETS).equals(value(scorecard(team), "tickets.opened")));
            Map<?, ?> before = scorecard(team);

            RestAssured.given().baseUri("http://127.0.0.1").port(SECOND_PORT).auth().oauth2(Tokens.withRoles("admin"))
                    .post("/api/v1/kpis/rebuild").then().statusCode(202);
            int partitions = partitionsOfTheFourTopics(admin);
            // asked of the first replica: the status is the same whichever replica answers
            await("the rebuild").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    KPI.as("supervisor").get("/api/v1/kpis/rebuild").then().statusCode(200)
                            .body("state", equalTo("DONE"))
                            .body("partitions", equalTo(partitions))
                            .body("partitionsDone", equalTo(partitions)));

            assertEquals(before.get("kpis"), scorecard(team).get("kpis"));
            assertEquals(2, kpiConsumers(admin).stream().filter(m -> !m.assignment().topicPartitions().isEmpty()).count(),
                    "both replicas still read their partitions");
        } finally {
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
