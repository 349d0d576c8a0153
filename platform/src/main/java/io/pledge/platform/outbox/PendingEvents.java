package io.pledge.platform.outbox;

import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.TransactionCompletionCallbacks.BeforeCompletionCallback;

import java.io.Serializable;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The events one transaction recorded, written to {@code outbox_event} together, in one JDBC batch,
 * when Hibernate completes the transaction (after its own flush, before the commit).
 * <p>
 * Why not {@code persist} each: the outbox's identity key makes Hibernate insert a row the moment it
 * is persisted, and before it every insert it has queued, so nothing a poll writes could be batched
 * (issue #17's profile: a round trip per event and per entity). Written at the end, the rows still
 * take their identity values in the order they were recorded, while the transaction holds whatever
 * locks made it the only writer of those keys, so the relay's per-lane id order stays each key's order.
 */
@TransactionScoped
class PendingEvents implements Serializable {

    private static final String INSERT = "insert into outbox_event (event_id, topic, event_key, lane, event_type, source,"
            + " subject, event_time, data_schema, payload, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    OutboxRelay relay;

    private final List<OutboxEvent> rows = new ArrayList<>();

    /** Keeps the row; the transaction's first also arranges the write and, after the commit, the relay's wake-up. */
    void add(OutboxEvent row, SharedSessionContractImplementor session) {
        if (rows.isEmpty()) {
            session.getTransactionCompletionCallbacks().registerCallback((BeforeCompletionCallback) this::write);
            transactions.registerInterposedSynchronization(new WakeRelayAfterCommit(relay));
        }
        rows.add(row);
    }

    private void write(SharedSessionContractImplementor session) {
        if (rows.isEmpty()) {
            return;
        }
        session.doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (OutboxEvent row : rows) {
                    insert.setObject(1, row.eventId);
                    insert.setString(2, row.topic);
                    insert.setString(3, row.key);
                    insert.setInt(4, row.lane);
                    insert.setString(5, row.type);
                    insert.setString(6, row.source);
                    insert.setString(7, row.subject);
                    insert.setObject(8, OffsetDateTime.ofInstant(row.time, ZoneOffset.UTC));
                    insert.setString(9, row.dataSchema);
                    insert.setString(10, row.payload);
                    insert.setObject(11, OffsetDateTime.ofInstant(row.createdAt, ZoneOffset.UTC));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
        rows.clear();
    }

    /** Publishing right after the commit keeps latency low; the relay's polling is the safety net. */
    private record WakeRelayAfterCommit(OutboxRelay relay) implements Synchronization {
        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            relay.nudge();
        }
    }
}
