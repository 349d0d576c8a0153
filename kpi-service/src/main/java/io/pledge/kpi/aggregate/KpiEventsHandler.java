package io.pledge.kpi.aggregate;

import io.pledge.kpi.rebuild.Rebuild;
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
    Rebuild rebuild;

    @Incoming("events")
    @Blocking
    public void onEvents(ConsumerRecords<String, byte[]> records) {
        Map<Delivery, ConsumerRecord<String, byte[]>> recordOf = new IdentityHashMap<>();
        List<Delivery> readable = new ArrayList<>(records.count());
        Map<ConsumerRecord<String, byte[]>, RuntimeException> poison = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                Delivery delivery = new Delivery(consumerOf(record.topic()), reader.read(record));
                recordOf.put(delivery, record);
                readable.add(delivery);
            } catch (PoisonMessageException e) {
                poison.put(record, e);
            }
        }
        for (KpiAggregator.Rejected rejected : aggregator.apply(readable)) {
            poison.put(recordOf.get(rejected.delivery()), rejected.reason());
        }
        // after the poll's effects are committed: whoever sees a record in a .dlq sees what came before it applied
        poison.forEach(deadLetters::send);
        records.forEach(rebuild::handled);
        progress.polled(records.count());
    }

    /** The processed-event consumer name per topic: kpi-service.tickets, kpi-service.sla... */
    static String consumerOf(String topic) {
        return "kpi-service." + topic.substring(topic.lastIndexOf('.') + 1);
    }
}
