-- Webhook subscriptions, their deliveries (the retry schedule lives here, so that a restart or a
-- second replica loses and doubles nothing) and every attempt (the delivery log).
create table webhook_subscription (
    id                    uuid primary key,
    -- the integration client that owns it (its source system); null: an admin's
    owner_client          text,
    created_by            text        not null,
    -- the recipient (staff directory id) told when the endpoint is disabled
    contact               text        not null,
    url                   text        not null,
    -- exact types, or a topic's types as 'ticket.*'
    event_types           text[]      not null,
    team                  text,
    department            text,
    category              text,
    source_system         text,
    description           text,
    -- false (the default): a ticket's events go out in order, a later one waits for an earlier one
    unordered             boolean     not null,
    state                 text        not null check (state in ('ACTIVE', 'DISABLED')),
    secret                text        not null,
    previous_secret       text,
    previous_secret_until timestamptz,
    failing_since         timestamptz,
    last_error            text,
    disabled_at           timestamptz,
    version               int         not null,
    -- a create retried with the same Idempotency-Key by the same caller answers the first result
    idempotency_key       text,
    created_at            timestamptz not null,
    updated_at            timestamptz not null
);
create index webhook_subscription_owner on webhook_subscription (owner_client, id);
create unique index webhook_subscription_idempotency on webhook_subscription (created_by, idempotency_key);

create table webhook_delivery (
    id              bigserial primary key,
    subscription_id uuid        not null references webhook_subscription (id) on delete cascade,
    event_seq       bigint      not null references received_event (seq) on delete cascade,
    event_id        text        not null,
    -- the event's subject (its ticket): a subscription's deliveries of one lane go out in order
    lane            text        not null,
    occurred_at     timestamptz not null,
    published_at    timestamptz not null,
    cause           text        not null check (cause in ('LIVE', 'REPLAY', 'REDELIVERY')),
    -- WAITING behind an earlier delivery of its lane; PENDING due at next_attempt_at; SENDING
    -- claimed by a replica until lease_until; DELIVERED; FAILED (final answer or retries used up)
    state           text        not null check (state in ('WAITING', 'PENDING', 'SENDING', 'DELIVERED', 'FAILED')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz,
    lease_until     timestamptz,
    created_at      timestamptz not null,
    finished_at     timestamptz,
    last_status     int,
    last_error      text
);
-- an event reaches a subscription once from the topics; replays and redeliveries add rows of their own
create unique index webhook_delivery_live on webhook_delivery (subscription_id, event_id) where cause = 'LIVE';
create index webhook_delivery_due on webhook_delivery (subscription_id, next_attempt_at) where state = 'PENDING';
create index webhook_delivery_lane on webhook_delivery (subscription_id, lane, occurred_at, event_seq)
    where state in ('WAITING', 'PENDING', 'SENDING');
create index webhook_delivery_leased on webhook_delivery (lease_until) where state = 'SENDING';
create index webhook_delivery_log on webhook_delivery (subscription_id, id);
create index webhook_delivery_event on webhook_delivery (event_seq);

create table webhook_attempt (
    id           bigserial primary key,
    delivery_id  bigint      not null references webhook_delivery (id) on delete cascade,
    attempted_at timestamptz not null,
    -- the receiver's HTTP status; null when there was no answer (timeout, connection refused)
    status       int,
    error        text,
    latency_ms   int         not null,
    -- the first 1 kB of the answer
    answer       text
);
create index webhook_attempt_delivery on webhook_attempt (delivery_id, id);
create index webhook_attempt_time on webhook_attempt (attempted_at);
