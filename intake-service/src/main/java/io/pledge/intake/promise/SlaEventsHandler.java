package io.pledge.intake.promise;

import io.pledge.contracts.sla.SlaClockCancelled;
import io.pledge.contracts.sla.SlaClockStarted;
import io.pledge.contracts.sla.SlaClockStopped;
import io.pledge.contracts.sla.SlaEvent;
import io.pledge.contracts.sla.SlaMet;
import io.pledge.platform.events.InboundEvent;
import io.pledge.platform.events.PolledEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * SLA events tell the tracking page by when the next step is promised: a clock's start with its
 * due instant, its stop, its cancellation. A poll is applied in one transaction ({@link PolledEvents});
 * poison records go to pledge.sla.dlq. Warnings and breaches change no promise (a breached clock still
 * runs until {@code sla.clock-stopped}), so they are not kept.
 */
@ApplicationScoped
public class SlaEventsHandler {

    static final String CONSUMER = "intake-service.sla";

    @Inject
    PolledEvents polled;

    @Inject
    Promises promises;

    @Incoming("sla")
    @Blocking
    public void onSlaEvents(ConsumerRecords<String, byte[]> records) {
        polled.apply(CONSUMER, records, events -> events.forEach(this::apply));
    }

    private void apply(InboundEvent e) {
        if (!SlaEvent.class.isAssignableFrom(e.type().dataClass())) {
            return;
        }
        SlaEvent event = (SlaEvent) e.dataAs(e.type().dataClass());
        if (event instanceof SlaClockStarted started) {
            promises.learn(started.clock(), k -> k.started(started.startedAt(), started.dueAt()));
        } else if (event instanceof SlaMet met) {
            promises.learn(met.clock(), k -> k.stopped(met.stoppedAt()));
        } else if (event instanceof SlaClockStopped stopped) {
            promises.learn(stopped.clock(), k -> k.stopped(stopped.stoppedAt()));
        } else if (event instanceof SlaClockCancelled cancelled) {
            promises.learn(cancelled.clock(), k -> k.cancelled(cancelled.cancelledAt()));
        }
    }
}
