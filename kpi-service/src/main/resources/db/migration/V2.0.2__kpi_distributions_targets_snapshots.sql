-- kpi-service: distributions (HdrHistogram, for means and percentiles), where SLA clocks started
-- (their outcomes count in that bucket), targets set by operators, and the buckets whose KPIs are
-- due to be published as snapshots.

create table kpi_distribution (
    metric          text        not null,
    dimension       text        not null,
    dimension_value text        not null,
    bucket_size     text        not null,
    bucket_start    timestamptz not null,
    histogram       bytea       not null,
    updated_at      timestamptz not null,
    primary key (metric, dimension, dimension_value, bucket_size, bucket_start)
);

create table kpi_clock_start (
    clock_id   uuid        primary key,
    started_at timestamptz not null
);

-- Operators' targets; a KPI without a row here has its catalogue default.
create table kpi_target (
    kpi            text             primary key,
    target         double precision,
    at_risk_within double precision not null,
    updated_at     timestamptz      not null,
    version        int              not null
);

-- A base value changed in this bucket: its KPIs are published by the snapshot publisher, which
-- coalesces a burst of changes into one snapshot per KPI, dimension value and bucket.
create table kpi_dirty (
    metric          text        not null,
    dimension       text        not null,
    dimension_value text        not null,
    bucket_size     text        not null,
    bucket_start    timestamptz not null,
    marked_at       timestamptz not null,
    primary key (metric, dimension, dimension_value, bucket_size, bucket_start)
);
