-- kpi-service: a rebuild shared by every replica (Rebuild, Replay). Each rebuild is an epoch; the
-- replica that starts it records where every partition of the four topics ends, and whichever
-- replica reads a partition records how far its replay has come, so that a partition that moves
-- to another replica (a rebalance, a crash) resumes where the replay stood, and the status is the
-- same whichever replica answers.

create table kpi_rebuild (
    epoch      bigint primary key,
    started_at timestamptz not null
);

create table kpi_rebuild_partition (
    epoch        bigint not null references kpi_rebuild (epoch) on delete cascade,
    topic        text   not null,
    partition    int    not null,
    -- the partition's first offset and its end (the next offset to be written) when the rebuild began
    begin_offset bigint not null,
    end_offset   bigint not null,
    -- every record from begin_offset up to this one has been applied since the rebuild's truncation
    -- (begin_offset - 1: none yet); the partition is replayed once it reaches end_offset - 1. Its
    -- holder keeps it up to date after each poll while this is the latest epoch: a replica taking
    -- the partition over resumes here (Kafka's committed offsets do not move back after a seek)
    replayed_to  bigint not null,
    primary key (epoch, topic, partition)
);
