package io.pledge.kpi.aggregate;

import io.pledge.kpi.rebuild.Replay;
import io.pledge.platform.events.ConsumerLag;
import io.pledge.platform.events.DeadLetters;
import io.pledge.platform.events.IdempotentConsumer.Delivery;
import io.pledge.platform.events.InboundEventReader;
import io.pledge.platform.events.PoisonMessageException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every topic's events, a poll at a time: the readable ones applied to the KPIs in one transaction
 * ({@link KpiAggregator}), each exactly once; poison records to their topic's .dlq. Batches make a
 * backlog (a replay, say) cheap: a poll's events share most of their buckets.
 *
 * <p>Offsets are committed after this returns. If it fails (the database away for longer than the
 * aggregator's retries), the channel stops and reports itself down in the health checks; the
 * restart that follows resumes at the last commit: the batch is applied later, not dropped.
 */
@ApplicationScoped
public class KpiEventsHandler {

    @Inject
    InboundEventReader reader;

    @Inject
    KpiAggregator aggregator;

    @Inject
    DeadLetters deadLetters;

    @Inject
    ConsumerProgress progress;

    @Inject
    Replay replay;

    @Inject
    ConsumerLag lag;

    /** The name this channel's lag and delay are published under (pledge_consumer_lag_seconds). */
    static final String CHANNEL_CONSUMER = "kpi-service.events";

    @Incoming("events")
    @Blocking
    public void onEvents(ConsumerRecords<String, byte[]> records) {
        // during a rebuild, only the records in order of each partition's replay (Replay)
        lag.received(CHANNEL_CONSUMER, records);
        Replay.Poll poll = replay.admit(records);
        Map<Delivery, ConsumerRecord<String, byte[]>> recordOf = new IdentityHashMap<>();
        List<Delivery> readable = new ArrayList<>(poll.admitted().size());
        Map<ConsumerRecord<String, byte[]>, RuntimeException> poison = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : poll.admitted()) {
            try {
                Delivery delivery = new Delivery(consumerOf(record.topic()), reader.read(record));
                recordOf.put(delivery, record);
                readable.add(delivery);
            } catch (PoisonMessageException e) {
                poison.put(record, e);
            }
        }
        try {
            for (KpiAggregator.Rejected rejected : aggregator.apply(readable, () -> replay.confirm(poll))) {
                poison.put(recordOf.get(rejected.delivery()), rejected.reason());
            }
        } catch (Replay.Stale e) {
            // read before a rebuild this replica had not joined: nothing applied, the replay brings the records again
            replay.rejoin(poll);
            return;
        }
        // after the poll's effects are committed: whoever sees a record in a .dlq sees what came before it applied
        poison.forEach((record, reason) -> {
            deadLetters.send(record, reason);
            lag.deadLettered(consumerOf(record.topic()), record.topic());
        });
        replay.applied(poll);
        progress.polled(records.count());
        lag.applied(CHANNEL_CONSUMER, records);
    }

    /** The processed-event consumer name per topic: kpi-service.tickets, kpi-service.sla... */
    static String consumerOf(String topic) {
        return "kpi-service." + topic.substring(topic.lastIndexOf('.') + 1);
    }
}
