package io.pledge.e2e;

import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.Tokens;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The services as separate processes, from the jars the build just made
 * ({@code <service>/target/quarkus-app/quarkus-run.jar}), in the production profile, against the
 * real broker and database. The five of the ticket flow are started once per test JVM
 * ({@link #start()}); notify-service only by the tests that need it ({@link #startAlone}). Ports
 * 18081-18086 leave 8081-8086 to a running demo; each process's management interface (health,
 * metrics) is on its HTTP port + 1000 (19081-19086). Logs go to {@code system-tests/target/e2e-logs}.
 */
final class LocalPlatform {

    static final Path ROOT = Path.of(System.getProperty("pledge.root", "..")).toAbsolutePath().normalize();

    enum Service {
        INTAKE("intake", 18081), SLA("sla", 18082), COMPLAINT("complaint", 18083), SURVEY("survey", 18084),
        KPI("kpi", 18085),
        /**
         * Not among {@link #start()}'s: the ticket flow's tests do not need it, and a test of its
         * own kills and restarts it, which a process shared by every test could not survive.
         */
        NOTIFY("notify", 18086);

        final String name;
        final int port;

        Service(String name, int port) {
            this.name = name;
            this.port = port;
        }

        /** A request to this service as a caller with {@code roles}. */
        RequestSpecification as(String... roles) {
            return RestAssured.given().baseUri("http://127.0.0.1").port(port)
                    .auth().oauth2(Tokens.withRoles(roles));
        }
    }

    /** What {@link #start()} starts, once per test JVM. */
    private static final List<Service> TICKET_FLOW = List.of(Service.INTAKE, Service.SLA, Service.COMPLAINT,
            Service.SURVEY, Service.KPI);

    private static final List<Process> PROCESSES = new ArrayList<>();
    private static boolean started;

    static synchronized void start() {
        if (started) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(LocalPlatform::stop));
        try {
            for (Service service : TICKET_FLOW) {
                PROCESSES.add(launch(service, service.port, service.name + "-service"));
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not start the services", e);
        }
        for (Service service : TICKET_FLOW) {
            awaitReady(service.name + "-service", service.port);
        }
        started = true;
    }

    /**
     * {@code service} by itself on its own port, with {@code environment} over the usual settings,
     * once it is ready. The test owns the process: it may kill it ({@link Process#destroyForcibly()},
     * a crash), start it again with another call, and should destroy it when done. Every run of it
     * writes to the same log, {@code <service>-service}.
     */
    static Process startAlone(Service service, Map<String, String> environment) {
        try {
            Process process = launch(service, service.port, service.name + "-service", environment);
            PROCESSES.add(process);
            awaitReady(service.name + "-service", service.port);
            return process;
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + service.name, e);
        }
    }

    /**
     * Another replica of {@code service} on {@code port}, sharing its database and consumer group;
     * stopped (like a pod being replaced) by destroying the process.
     */
    static Process startReplica(Service service, int port) {
        return startReplica(service, port, Map.of());
    }

    /** A replica as above, with {@code environment} added to (or overriding) the usual settings. */
    static Process startReplica(Service service, int port, Map<String, String> environment) {
        try {
            Process replica = launch(service, port, service.name + "-service-" + port, environment);
            PROCESSES.add(replica);
            awaitReady(service.name + "-service on " + port, port);
            return replica;
        } catch (IOException e) {
            throw new IllegalStateException("could not start a replica of " + service.name, e);
        }
    }

    /**
     * {@code service} started in the production profile as a real deployment would be, with
     * {@code environment} over the usual settings, and without permission to use the development
     * keys; not awaited. Its log is {@link #logOf(String)}.
     */
    static Process startAsProduction(Service service, int port, String logName, Map<String, String> environment) {
        Map<String, String> settings = new java.util.HashMap<>(environment);
        settings.put("PLEDGE_SECURITY_DEVELOPMENT_KEYS_ALLOWED", "false");
        try {
            Process process = launch(service, port, logName, settings);
            PROCESSES.add(process);
            return process;
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + service.name, e);
        }
    }

    static Path logOf(String logName) {
        return ROOT.resolve("system-tests/target/e2e-logs").resolve(logName + ".log");
    }

    private static Process launch(Service service, int port, String logName) throws IOException {
        return launch(service, port, logName, Map.of());
    }

    private static Process launch(Service service, int port, String logName, Map<String, String> environment)
            throws IOException {
        Path logs = ROOT.resolve("system-tests/target/e2e-logs");
        Files.createDirectories(logs);
        Path jar = ROOT.resolve(service.name + "-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw verify)");
        }
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(logName + ".log").toFile()));
        builder.environment().putAll(Map.of(
                "QUARKUS_HTTP_PORT", Integer.toString(port),
                "QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort(port)),
                "PLEDGE_DB_PASSWORD", "pledge_" + service.name,
                "PLEDGE_KAFKA_BOOTSTRAP", KafkaTestSupport.bootstrapServers(),
                "PLEDGE_JWT_ISSUER", Tokens.ISSUER,
                "PLEDGE_JWT_PUBLIC_KEY_LOCATION", "file:" + ROOT.resolve("deploy/local/jwt/public.pem")));
        builder.environment().putAll(devSecrets());
        // the production profile with the committed development keys, on purpose (DevelopmentKeys)
        builder.environment().put("PLEDGE_SECURITY_DEVELOPMENT_KEYS_ALLOWED", "true");
        if (service == Service.INTAKE) {
            builder.environment().put("PLEDGE_TRACKING_PUBLIC_BASE_URL", "http://127.0.0.1:" + port);
        }
        if (service == Service.KPI) {
            // the dashboard page calls these two from the browser (kpi's /dashboard/config.json)
            builder.environment().put("PLEDGE_DASHBOARD_SLA_URL", "http://127.0.0.1:" + Service.SLA.port);
            builder.environment().put("PLEDGE_DASHBOARD_COMPLAINT_URL", "http://127.0.0.1:" + Service.COMPLAINT.port);
        }
        if (service == Service.SLA || service == Service.COMPLAINT) {
            // CORS for the dashboard page, served by kpi-service
            builder.environment().put("PLEDGE_DASHBOARD_ORIGIN", "http://127.0.0.1:" + Service.KPI.port);
        }
        if (service == Service.SURVEY) {
            // invitations two seconds after a resolution instead of an hour, so a test can answer one
            builder.environment().put("SURVEY_INVITATION_DELAY", "PT2S");
            builder.environment().put("PLEDGE_SURVEY_PUBLIC_BASE_URL", "http://127.0.0.1:" + port + "/s/");
        }
        if (service == Service.NOTIFY) {
            // as deploy/local/pledge.sh's service_env: GreenMail's plain SMTP (deploy/local/greenmail.sh),
            // intake's ticket API as "the CRM", and receivers on plain http on this machine
            builder.environment().putAll(Map.of(
                    "PLEDGE_SMTP_HOST", "127.0.0.1",
                    "PLEDGE_SMTP_PORT", "3025",
                    "PLEDGE_SMTP_FROM", "pledge@localhost",
                    "PLEDGE_SMTP_START_TLS", "DISABLED",
                    "PLEDGE_NOTIFY_TICKET_LINK_TEMPLATE", "http://127.0.0.1:" + Service.INTAKE.port + "/api/v1/tickets/{ticketId}",
                    "PLEDGE_WEBHOOK_HTTPS_ONLY", "false",
                    "PLEDGE_WEBHOOK_ALLOWED_ADDRESSES", "127.0.0.1/32"));
        }
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static void awaitReady(String what, int port) {
        await("readiness of " + what).atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> RestAssured.given().baseUri("http://127.0.0.1").port(managementPort(port))
                        .get("/q/health/ready").statusCode() == 200);
    }

    /** The management interface of the process whose HTTP port is {@code port}. */
    static int managementPort(int port) {
        return port + 1000;
    }

    /** Runs {@code deploy/local/kafka.sh <action>} (start, stop) and waits for it to finish. */
    static void kafka(String action) {
        try {
            Process process = new ProcessBuilder("bash", ROOT.resolve("deploy/local/kafka.sh").toString(), action)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("kafka.sh " + action + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether a Kafka broker answers at the bootstrap address within a few seconds. */
    static boolean kafkaAnswers() {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestSupport.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000))) {
            admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static void stop() {
        PROCESSES.forEach(Process::destroy);
        for (Process process : PROCESSES) {
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** deploy/local/dev-secrets.env: what a secret store would give the services in production. */
    private static Map<String, String> devSecrets() throws IOException {
        Map<String, String> secrets = new java.util.HashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve("deploy/local/dev-secrets.env"))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                secrets.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return secrets;
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private LocalPlatform() {
    }
}
