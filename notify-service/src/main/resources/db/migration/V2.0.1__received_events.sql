-- Every event notify-service received from the ticket, SLA, complaint and survey topics, as the
-- structured-mode CloudEvent a webhook receiver gets. Kept for replays (POST /webhooks/{id}/replay)
-- and to join a survey announcement with its link; purged after notify.journal-retention.
create table received_event (
    seq          bigserial primary key,
    event_id     text        not null unique,
    type         text        not null,
    -- the Kafka key: the ticket id for everything about a ticket
    subject      text        not null,
    occurred_at  timestamptz not null,
    -- the Kafka record's timestamp (when it was published): the start of the delivery delay
    published_at timestamptz not null,
    received_at  timestamptz not null,
    team         text,
    department   text,
    category     text,
    priority     text,
    agent        text,
    -- survey.link-issued: the survey.sent / survey.reminded it belongs to
    announces    text,
    -- the CloudEvent in JSON (application/cloudevents+json); survey announcements get their link
    -- once it has arrived, and only then are delivered
    body         text        not null,
    deliverable  boolean     not null
);
create index received_event_occurred on received_event (occurred_at);
create index received_event_subject on received_event (subject, seq);
create index received_event_announces on received_event (announces) where announces is not null;

-- The source system that opened each ticket (ticket.opened): an integration's subscriptions
-- receive only its own tickets.
create table ticket_source (
    ticket_id     text primary key,
    source_system text not null
);
