package io.pledge.platform.testing;

import io.quarkus.test.junit.callback.QuarkusTestBeforeClassCallback;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Before the first {@code @QuarkusTest} class of a service runs, waits until each of the service's
 * consumer groups that reads from the earliest offset has applied what is already on its topics.
 * <p>
 * The test broker is shared: the modules built before this one (in CI, tens of thousands of events:
 * sla-service's alarm-scan test alone leaves 1,500 tickets' worth) and earlier runs of this module
 * left events there, and a service under test starts behind them. Without this wait the first test
 * to look for a consumed event spends its deadline on that backlog, or fails on it, depending on
 * which class the runner happens to take first.
 * <p>
 * The groups and topics come from the service's own {@code mp.messaging.incoming.*} configuration,
 * so a new consumer is waited for without anyone listing it here. Registered for every service
 * through {@code META-INF/services} in this test-jar; a service with no such consumer waits for
 * nothing.
 */
public class ConsumersCaughtUp implements QuarkusTestBeforeClassCallback {

    /** The longest a backlog is given to drain: CI's whole backlog takes about a minute at the slowest. */
    private static final Duration PATIENCE = Duration.ofMinutes(10);

    private static final Logger LOG = Logger.getLogger(ConsumersCaughtUp.class);

    private static final Pattern GROUP = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.group\\.id");

    /** Once per application start: Quarkus loads this class with the application it runs. */
    private static volatile boolean caughtUp;

    @Override
    public void beforeClass(Class<?> testClass) {
        if (caughtUp) {
            return;
        }
        topicsByGroup(ConfigProvider.getConfig()).forEach((group, topics) -> {
            long started = System.nanoTime();
            KafkaTestSupport.awaitCaughtUp(group, PATIENCE, topics.toArray(String[]::new));
            LOG.infof("consumer group %s caught up with %s after %d ms, before %s", group, topics,
                    Duration.ofNanos(System.nanoTime() - started).toMillis(), testClass.getSimpleName());
        });
        caughtUp = true;
    }

    /** Every Kafka consumer group that starts from the earliest offset, with the topics it reads. */
    static Map<String, Set<String>> topicsByGroup(Config config) {
        Map<String, Set<String>> topicsByGroup = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            Matcher group = GROUP.matcher(name);
            if (!group.matches()) {
                continue;
            }
            String channel = "mp.messaging.incoming." + group.group(1) + ".";
            String connector = config.getOptionalValue(channel + "connector", String.class).orElse("");
            String reset = config.getOptionalValue(channel + "auto.offset.reset", String.class)
                    .or(() -> config.getOptionalValue("mp.messaging.connector." + connector + ".auto.offset.reset", String.class))
                    .orElse("latest");
            if (!connector.equals("smallrye-kafka") || !reset.equals("earliest")) {
                continue; // a consumer that starts at the end has no backlog to wait for
            }
            String topics = config.getOptionalValue(channel + "topics", String.class)
                    .or(() -> config.getOptionalValue(channel + "topic", String.class))
                    .orElse(group.group(1));
            topicsByGroup.computeIfAbsent(config.getValue(name, String.class), g -> new TreeSet<>())
                    .addAll(Arrays.stream(topics.split(",")).map(String::strip).toList());
        }
        return topicsByGroup;
    }
}
