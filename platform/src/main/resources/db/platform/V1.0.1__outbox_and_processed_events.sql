-- Shared by every service (platform module): the transactional outbox and the record of applied
-- events. Platform migrations are versioned 1.x; a service's own start at 2.0.

-- Events waiting for the relay (io.pledge.platform.outbox). Rows are deleted once Kafka acked them.
create table outbox_event (
    id          bigint generated always as identity primary key,
    event_id    uuid        not null unique,
    topic       text        not null,
    event_key   text        not null,
    lane        int         not null,
    event_type  text        not null,
    source      text        not null,
    subject     text        not null,
    event_time  timestamptz not null,
    data_schema text        not null,
    payload     text        not null,
    created_at  timestamptz not null
);
create index outbox_event_lane_id on outbox_event (lane, id);

-- Idempotent consumers (io.pledge.platform.events): one row per consumer and applied event id.
create table processed_event (
    consumer     text        not null,
    event_id     text        not null,
    event_type   text        not null,
    processed_at timestamptz not null,
    primary key (consumer, event_id)
);
