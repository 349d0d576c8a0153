package io.pledge.notify.inbound;

import io.pledge.notify.alert.Alerts;
import io.pledge.notify.journal.Journal;
import io.pledge.notify.webhook.Fanout;
import io.pledge.platform.events.PolledEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Every event of the ticket, SLA, complaint and survey topics (and the survey links), a poll at a
 * time in one transaction ({@link PolledEvents}): kept in the journal, turned into webhook
 * deliveries for the subscriptions that match, and into alerts for the people the rules name. The
 * deliveries and alerts are only scheduled here, in the same transaction as the event's id; they
 * go out afterwards, from the database, so a restart loses and doubles nothing.
 */
@ApplicationScoped
public class EventsHandler {

    static final String CONSUMER = "notify-service.events";

    private final PolledEvents polled;
    private final Journal journal;
    private final Fanout fanout;
    private final Alerts alerts;

    @Inject
    public EventsHandler(PolledEvents polled, Journal journal, Fanout fanout, Alerts alerts) {
        this.polled = polled;
        this.journal = journal;
        this.fanout = fanout;
        this.alerts = alerts;
    }

    @Incoming("events")
    @Blocking
    public void onEvents(ConsumerRecords<String, byte[]> records) {
        Map<String, Instant> publishedAt = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            var id = record.headers().lastHeader("ce_id");
            if (id != null) {
                publishedAt.put(new String(id.value(), StandardCharsets.UTF_8), Instant.ofEpochMilli(record.timestamp()));
            }
        }
        polled.apply(CONSUMER, records, events -> {
            Journal.Kept kept = journal.keep(events, publishedAt);
            fanout.schedule(kept.deliverable());
            kept.openedTickets().forEach(fanout::scheduleEarlierOf);
            alerts.consider(kept.received());
        });
    }
}
