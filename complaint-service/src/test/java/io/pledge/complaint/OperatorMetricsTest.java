package io.pledge.complaint;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * The platform's metrics that deploy/k8s's PrometheusRule and Grafana dashboard read (issue #17),
 * as Prometheus scrapes them from the management interface of a service (complaint-service stands
 * in for every one). deploy/check's list of exposed metrics points here for those that Quarkus
 * registers rather than Pledge's code: the Kafka consumer's records behind and the HTTP buckets.
 */
@QuarkusTest
class OperatorMetricsTest {

    @TestHTTPResource(value = "/", management = true)
    URL managementRoot;

    @Test
    void theRecordsBehindTheHttpBucketsAndTheOutboxGaugesAreOnTheManagementInterface() {
        given().get("/api/v1/complaints").then().statusCode(401); // one request for the HTTP timer
        List<Pattern> expected = List.of(
                // Quarkus' Kafka binder (on by default): the consumer's own records-lag-max, per client id
                series("kafka_consumer_fetch_manager_records_lag_max\\{[^}]*client_id=\"[^\"]+\"[^}]*\\}"),
                // RequestDurationBuckets: histogram_quantile needs the le buckets
                series("http_server_requests_seconds_bucket\\{[^}]*le=\"0\\.05\"[^}]*\\}"),
                series("pledge_outbox_pending"),
                series("pledge_outbox_oldest_age_seconds"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = given().get(new URL(managementRoot, "metrics")).then().statusCode(200).extract().asString();
            for (Pattern p : expected) {
                if (!p.matcher(metrics).find()) {
                    throw new AssertionError("no " + p.pattern() + " on /q/metrics");
                }
            }
        });
    }

    private static Pattern series(String nameAndLabels) {
        return Pattern.compile("^" + nameAndLabels + " \\S+$", Pattern.MULTILINE);
    }
}
