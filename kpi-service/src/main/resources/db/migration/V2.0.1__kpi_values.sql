-- kpi-service: counted KPI values per metric, dimension and time bucket. Derived only from
-- events, so it can be rebuilt from the topics.
create table kpi_value (
    metric          text        not null,
    dimension       text        not null,
    dimension_value text        not null,
    bucket_size     text        not null,
    bucket_start    timestamptz not null,
    value           bigint      not null,
    updated_at      timestamptz not null,
    primary key (metric, dimension, dimension_value, bucket_size, bucket_start)
);
