package io.pledge.kpi.snapshot;

import io.pledge.contracts.EventType;
import io.pledge.contracts.kpi.KpiSnapshot;
import io.pledge.platform.events.InboundEvent;
import io.pledge.platform.events.InboundEventReader;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The snapshots as they are published, for dashboards' live streams. Every replica reads
 * {@code pledge.kpi.snapshots} from its end with a consumer group of its own, so each of its
 * dashboards sees every snapshot, whichever replica computed it. A live view: nothing is stored.
 */
@ApplicationScoped
public class LiveSnapshots {

    private final BroadcastProcessor<KpiSnapshot> broadcast = BroadcastProcessor.create();

    @Inject
    InboundEventReader reader;

    @Incoming("snapshots-live")
    public void onSnapshot(ConsumerRecord<String, byte[]> record) {
        InboundEvent event = reader.read(record);
        if (event.is(EventType.KPI_SNAPSHOT)) {
            broadcast.onNext(event.dataAs(KpiSnapshot.class));
        }
    }

    public Multi<KpiSnapshot> stream() {
        return broadcast;
    }
}
