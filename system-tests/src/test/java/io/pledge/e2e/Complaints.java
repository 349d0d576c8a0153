package io.pledge.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.pledge.e2e.LocalPlatform.Service.COMPLAINT;
import static org.awaitility.Awaitility.await;

/** Drives complaints through complaint-service's REST API, as handlers and a CRM would. */
final class Complaints {

    private Complaints() {
    }

    /**
     * Waits for the complaint complaint-service registered for the ticket, walks it through its
     * procedure to a satisfied closure (which schedules the closure survey) and returns its id.
     */
    static String walkToClosure(String ticketId, Duration patience) {
        String complaint = await().atMost(patience).until(() -> COMPLAINT.as("supervisor")
                .queryParam("ticketId", ticketId).get("/api/v1/complaints")
                .then().statusCode(200).extract().<String>path("items[0].id"), Objects::nonNull);
        for (var step : List.of(
                Map.entry("acknowledgement", Map.of("department", "care")),
                Map.entry("investigation", Map.of()),
                Map.entry("resolution-proposal", Map.of("proposal", "a new device")),
                Map.entry("acceptance", Map.of()),
                Map.entry("follow-up", Map.<String, Object>of("outcome", "SATISFIED",
                        "rootCause", "PRODUCT_DEFECT", "correctiveAction", "supplier audit")))) {
            // the customer's acceptance and the follow-up's outcome are the CRM's to report, not the handler's
            boolean customersWord = step.getKey().equals("acceptance") || step.getKey().equals("follow-up");
            COMPLAINT.as(customersWord ? "integration" : "agent").contentType("application/json").body(step.getValue())
                    .post("/api/v1/complaints/" + complaint + "/" + step.getKey()).then().statusCode(200);
        }
        return complaint;
    }
}
