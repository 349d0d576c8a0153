-- kpi-service: the snapshot publisher takes marks of current buckets first and the rest oldest
-- first (SnapshotPublisher); during a replay kpi_dirty holds many rows, so both need an index.
create index kpi_dirty_bucket on kpi_dirty (bucket_size, bucket_start);
create index kpi_dirty_marked_at on kpi_dirty (marked_at);
