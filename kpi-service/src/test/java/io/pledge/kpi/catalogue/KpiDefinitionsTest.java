package io.pledge.kpi.catalogue;

import io.pledge.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class KpiDefinitionsTest {

    private static List<Map<String, Object>> definitions(String role) {
        return given().auth().oauth2(Tokens.withRoles(role)).get("/api/v1/kpis/definitions")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static Map<String, Object> definition(List<Map<String, Object>> all, String id) {
        return all.stream().filter(d -> id.equals(d.get("id"))).findFirst().orElseThrow();
    }

    @Test
    void everyKpiOfTheCatalogueIsDefinedInWordsWithItsTarget() {
        List<Map<String, Object>> all = definitions("dashboard");
        assertEquals(KpiCatalogue.all().stream().map(Kpi::name).toList(), all.stream().map(d -> d.get("id")).toList());
        all.forEach(d -> assertTrue(d.get("numerator") instanceof String && d.get("bucket") instanceof String, d::toString));

        Map<String, Object> resolution = definition(all, "resolution.rate");
        assertEquals("Resolution rate (resolved of opened)", resolution.get("name"));
        assertEquals("tickets opened", resolution.get("denominator"));
        assertEquals("the ticket's opening", resolution.get("bucket"));
        assertEquals("percent", resolution.get("unit"));
        assertEquals("HIGHER", resolution.get("better"));
        assertEquals(95.0f, resolution.get("target"));
        assertEquals(2.0f, resolution.get("atRiskWithin"));

        Map<String, Object> breaches = definition(all, "sla.breached");
        assertNull(breaches.get("denominator"));
        assertEquals("LOWER", breaches.get("better"));
        assertEquals("on-site visits requested", definition(all, "onsite.same-day").get("denominator"));
        assertEquals(all.size(), definitions("supervisor").size());
    }

    @Test
    void onlyDashboardsSupervisorsAndAdminsMayRead() {
        given().auth().oauth2(Tokens.withRoles("integration")).get("/api/v1/kpis/definitions").then().statusCode(403);
        given().get("/api/v1/kpis/definitions").then().statusCode(401);
    }
}
