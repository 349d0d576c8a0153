package io.pledge.e2e;

import io.pledge.contracts.Topics;
import io.pledge.platform.events.InboundEvent;
import io.pledge.platform.events.InboundEventReader;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.pledge.e2e.LocalPlatform.Service.COMPLAINT;
import static io.pledge.e2e.LocalPlatform.Service.SLA;
import static io.pledge.e2e.LocalPlatform.Service.SURVEY;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The walking skeleton: one ticket, opened over REST, reaches all five services. */
class TicketJourneyIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @BeforeAll
    static void platform() {
        LocalPlatform.start();
    }

    @Test
    void aComplaintTicketFlowsThroughAllFiveServicesAndEveryEventFitsItsSchema() {
        String team = "journey-" + UUID.randomUUID();
        try (TopicReader tickets = KafkaTestSupport.readFromNowOn(Topics.TICKETS);
             TopicReader sla = KafkaTestSupport.readFromNowOn(Topics.SLA);
             TopicReader complaints = KafkaTestSupport.readFromNowOn(Topics.COMPLAINTS)) {

            String id = Tickets.open("EMAIL", "COMPLAINT", team);

            await().atMost(PATIENCE).untilAsserted(() -> SLA.as("agent").get("/api/v1/tickets/" + id + "/sla")
                    .then().statusCode(200)
                    .body("clocks.metric", equalTo(java.util.List.of("FIRST_RESPONSE", "PERIODIC_UPDATE", "RESOLUTION")))
                    .body("clocks[0].policyId", equalTo("seed-complaint"))
                    .body("clocks[0].target", equalTo("PT24H")));
            await().atMost(PATIENCE).untilAsserted(() -> COMPLAINT.as("supervisor")
                    .queryParam("ticketId", id).get("/api/v1/complaints")
                    .then().statusCode(200)
                    .body("", hasSize(1))
                    .body("[0].state", equalTo("REGISTERED")));
            await().atMost(PATIENCE).untilAsserted(() -> SURVEY.as("agent").get("/api/v1/tickets/" + id + "/survey")
                    .then().statusCode(200).body("category", equalTo("COMPLAINT")));
            await().atMost(PATIENCE).until(() -> Tickets.countedFor(team) == 1);

            // Every event the services published about this ticket is a CloudEvent of a known type
            // whose data fits its JSON Schema (the reader refuses anything else).
            List<InboundEvent> events = new ArrayList<>();
            InboundEventReader reader = new InboundEventReader();
            tickets.awaitAtLeast(1, PATIENCE, r -> id.equals(r.key())).forEach(r -> events.add(reader.read(r)));
            sla.awaitAtLeast(1, PATIENCE, r -> id.equals(r.key())).forEach(r -> events.add(reader.read(r)));
            complaints.awaitAtLeast(1, PATIENCE, r -> id.equals(r.key())).forEach(r -> events.add(reader.read(r)));
            Set<String> types = events.stream().map(e -> e.type().type()).collect(Collectors.toSet());
            assertEquals(Set.of("ticket.opened", "sla.clock-started", "complaint.registered"), types);
            events.forEach(e -> assertEquals(id, e.subject()));
        }
    }
}
