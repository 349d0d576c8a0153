package io.pledge.kpi.measure;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What was counted for the cases of one kind (tickets, complaints...) during a batch: the entries
 * loaded from the database, changed as the batch's events are measured. The changes of the event
 * being measured stay pending until {@link #keep()}, so that an event that cannot be measured (it
 * goes to the dead-letter topic) leaves nothing behind.
 *
 * @param <K> the case's id
 * @param <V> what was counted for it (immutable)
 */
public final class Cases<K, V> {

    private final Map<K, V> kept = new HashMap<>();
    private final Map<K, V> pending = new HashMap<>();
    private final Set<K> changed = new LinkedHashSet<>();

    /** An entry as stored before the batch. */
    public void load(K key, V value) {
        kept.put(key, value);
    }

    /** What was counted for {@code key}, or null when nothing was. */
    public V get(K key) {
        return pending.containsKey(key) ? pending.get(key) : kept.get(key);
    }

    public void put(K key, V value) {
        pending.put(key, value);
    }

    /** Nothing is counted for {@code key} any more. */
    public void remove(K key) {
        pending.put(key, null);
    }

    void keep() {
        kept.putAll(pending);
        changed.addAll(pending.keySet());
        pending.clear();
    }

    void discard() {
        pending.clear();
    }

    /** The entries the batch changed, to be written back. */
    public Map<K, V> changedEntries() {
        Map<K, V> entries = new HashMap<>();
        changed.stream().filter(k -> kept.get(k) != null).forEach(k -> entries.put(k, kept.get(k)));
        return entries;
    }

    /** The ids whose entries the batch removed, to be deleted. */
    public Collection<K> removed() {
        return changed.stream().filter(k -> kept.get(k) == null).toList();
    }
}
