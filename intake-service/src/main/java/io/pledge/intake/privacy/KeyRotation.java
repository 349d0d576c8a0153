package io.pledge.intake.privacy;

import io.pledge.platform.audit.AuditLog;
import io.pledge.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Moves encrypted contact data onto the active key, so that a retired key can be removed from
 * {@code PLEDGE_PII_KEYS} (deploy/README.md, "Rotate keys"). Works through the rows in batches,
 * each its own transaction, skipping rows another request holds; a row's version is left alone,
 * so nobody's If-Match goes stale because a key changed. Each batch writes its audit entry
 * ({@code keys.reencrypted}) in its own transaction.
 */
@ApplicationScoped
public class KeyRotation {

    /** Rows re-encrypted per transaction. */
    static final int BATCH = 200;

    /** A table holding ciphertexts: its key column, and each encrypted column with the field name it is bound to. */
    private record SealedTable(String label, String table, String idColumn, String keyColumn, Map<String, String> fields) {
    }

    private static final List<SealedTable> TABLES = List.of(
            new SealedTable("customers", "customer", "id", "key_id",
                    Map.of("name_enc", "customer.name", "phone_enc", "customer.phone", "email_enc", "customer.email")),
            new SealedTable("calls", "call", "call_id", "key_id", Map.of("caller_enc", "call.caller")),
            new SealedTable("trackingTokens", "ticket", "id", "tracking_key_id",
                    Map.of("tracking_token_enc", "ticket.tracking-token")));

    @Inject
    EntityManager em;

    @Inject
    FieldCipher cipher;

    @Inject
    AuditLog audit;

    /** Per key id, how many rows of each kind it encrypted. */
    public Map<String, Map<String, Long>> usage() {
        Map<String, Map<String, Long>> usage = new TreeMap<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (SealedTable t : TABLES) {
                for (Object row : em.createNativeQuery("select %s, count(*) from %s where %s is not null group by 1"
                        .formatted(t.keyColumn(), t.table(), t.keyColumn())).getResultList()) {
                    Object[] r = (Object[]) row;
                    usage.computeIfAbsent((String) r[0], k -> new TreeMap<>()).put(t.label(), ((Number) r[1]).longValue());
                }
            }
        });
        return usage;
    }

    /**
     * Re-encrypts up to {@code limit} rows still under another key than the active one.
     *
     * @return how many rows it moved to the active key
     * @throws ProblemException 409 when some row's key is not configured (it could not be read)
     */
    public int reencrypt(int limit) {
        List<String> unknown = usage().keySet().stream().filter(k -> !cipher.knows(k)).toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.conflict("rows are encrypted with keys that are not configured: " + unknown
                    + "; add them to PLEDGE_PII_KEYS first");
        }
        int moved = 0;
        for (SealedTable table : TABLES) {
            int batch;
            do {
                int size = Math.min(BATCH, limit - moved);
                batch = size == 0 ? 0 : QuarkusTransaction.requiringNew().call(() -> reencryptBatch(table, size));
                moved += batch;
            } while (batch > 0 && moved < limit);
        }
        return moved;
    }

    @SuppressWarnings("unchecked")
    private int reencryptBatch(SealedTable t, int size) {
        List<String> columns = List.copyOf(t.fields().keySet());
        List<Object[]> rows = em.createNativeQuery("select %s, %s, %s from %s where %s <> ?1 limit ?2 for update skip locked"
                        .formatted(t.idColumn(), t.keyColumn(), String.join(", ", columns), t.table(), t.keyColumn()))
                .setParameter(1, cipher.activeKeyId()).setParameter(2, size).getResultList();
        for (Object[] row : rows) {
            // each non-null column decrypted with the row's key and encrypted again with the active one
            StringBuilder set = new StringBuilder(t.keyColumn() + " = ?1");
            List<byte[]> sealed = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                byte[] ciphertext = (byte[]) row[i + 2];
                if (ciphertext != null) {
                    String field = t.fields().get(columns.get(i));
                    sealed.add(cipher.encrypt(field, cipher.decrypt((String) row[1], field, ciphertext)));
                    set.append(", ").append(columns.get(i)).append(" = ?").append(sealed.size() + 2);
                }
            }
            var update = em.createNativeQuery("update %s set %s where %s = ?2".formatted(t.table(), set, t.idColumn()))
                    .setParameter(1, cipher.activeKeyId()).setParameter(2, row[0]);
            for (int i = 0; i < sealed.size(); i++) {
                update.setParameter(i + 3, sealed.get(i));
            }
            update.executeUpdate();
        }
        if (!rows.isEmpty()) {
            audit.record("keys.reencrypted", "privacy keys",
                    rows.size() + " " + t.label() + " moved onto key " + cipher.activeKeyId());
        }
        return rows.size();
    }
}
