-- intake-service: tickets and the idempotency keys of the requests that created them.

create table ticket (
    id                 uuid primary key,
    source_system      text        not null,
    external_reference text,
    channel            text        not null,
    category           text        not null,
    priority           text        not null,
    status             text        not null,
    subject            text        not null,
    description        text,
    customer_id        text        not null,
    customer_tier      text,
    team               text,
    agent              text,
    tags               text[]      not null default '{}',
    opened_at          timestamptz not null,
    created_at         timestamptz not null,
    version            int         not null
);
-- The CRM's own reference is unique per source system: a retry without Idempotency-Key creates nothing new.
create unique index ticket_source_reference on ticket (source_system, external_reference)
    where external_reference is not null;
create index ticket_opened_at on ticket (opened_at);

-- One row per (caller, Idempotency-Key): the first request's fingerprint and the ticket it created.
create table idempotency_key (
    caller        text        not null,
    key           text        not null,
    request_hash  text        not null,
    ticket_id     uuid        not null references ticket (id),
    created_at    timestamptz not null,
    primary key (caller, key)
);
