-- intake-service: customers with encrypted contact data, the ticket's working state, messages,
-- the ticket timeline, phone calls and tracking links.

-- Contact data is AES-GCM ciphertext (iv || ciphertext+tag) under key key_id; look-ups go through
-- keyed hashes (HMAC-SHA256) of the normalised phone number and e-mail address, never plaintext.
create table customer (
    id          uuid primary key,
    external_id text        not null unique,
    tier        text,
    key_id      text        not null,
    name_enc    bytea,
    phone_enc   bytea,
    email_enc   bytea,
    phone_hash  text,
    email_hash  text,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     int         not null
);
create index customer_phone_hash on customer (phone_hash);
create index customer_email_hash on customer (email_hash);

alter table ticket
    add column customer_ref        uuid references customer (id),
    add column department          text,
    add column first_response_at   timestamptz,
    add column agent_replies       int not null default 0,
    add column reopen_count        int not null default 0,
    add column resolution_code     text,
    add column resolution_summary  text,
    add column resolved_at         timestamptz,
    add column closed_at           timestamptz,
    add column last_public_update_at   timestamptz,
    add column last_public_update_text text,
    add column tracking_token_hash text unique,
    add column tracking_token_enc  bytea,
    add column tracking_key_id     text,
    add column tracking_expires_at timestamptz;
create index ticket_list on ticket (opened_at desc, id desc);
create index ticket_customer on ticket (customer_id);
create index ticket_status on ticket (status);

create table message (
    id          uuid primary key,
    ticket_id   uuid        not null references ticket (id),
    author      text        not null,
    visibility  text        not null,
    body        text        not null,
    agent       text,
    occurred_at timestamptz not null,
    created_at  timestamptz not null
);
create index message_ticket on message (ticket_id, occurred_at);

-- Every event published about a ticket, in publication order: GET /api/v1/tickets/{id}/timeline.
create table ticket_timeline (
    seq         bigint generated always as identity primary key,
    ticket_id   uuid        not null references ticket (id),
    event_id    uuid        not null,
    event_type  text        not null,
    occurred_at timestamptz not null,
    data        text        not null
);
create index ticket_timeline_ticket on ticket_timeline (ticket_id, seq);

-- Calls reported by the phone system; the caller number is encrypted like customer contact data.
create table call (
    call_id         text primary key,
    queue           text,
    caller_enc      bytea,
    caller_hash     text,
    key_id          text        not null,
    offered_at      timestamptz not null,
    answered_at     timestamptz,
    abandoned_at    timestamptz,
    ended_at        timestamptz,
    agent           text,
    ticket_id       uuid references ticket (id),
    request_hash    text        not null,
    created_at      timestamptz not null
);
