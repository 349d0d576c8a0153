-- kpi-service: the snapshot publisher claims marks in a short transaction of its own and deletes
-- them once their snapshots are recorded (SnapshotPublisher). While it held them locked from the
-- first read to the commit, every consumer transaction marking one of those buckets waited for it.
-- claim: the publishing round's id (null: not claimed); claimed_at: when, so that the claim of a
-- publisher that stopped midway expires. The index serves the delete of a round's own marks.
alter table kpi_dirty add column claim uuid, add column claimed_at timestamptz;
create index kpi_dirty_claim on kpi_dirty (claim) where claim is not null;
