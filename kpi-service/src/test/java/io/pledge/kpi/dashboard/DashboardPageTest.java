package io.pledge.kpi.dashboard;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class DashboardPageTest {

    @Test
    void configNamesTheOtherServicesAndTheSilenceWithoutAToken() {
        given().get("/dashboard/config.json").then().statusCode(200)
                .body("slaUrl", equalTo("http://localhost:8082"))
                .body("complaintUrl", equalTo("http://localhost:8083"))
                .body("silentAfterSeconds", equalTo(120));
    }

    @Test
    void pageLoadsEchartsFromItsOwnWebjar() {
        given().get("/").then().statusCode(200)
                .body(containsString("<script src=\"/_static/echarts/dist/echarts.min.js\"></script>"));
        given().get("/_static/echarts/dist/echarts.min.js").then().statusCode(200)
                .body(containsString("echarts"));
    }
}
