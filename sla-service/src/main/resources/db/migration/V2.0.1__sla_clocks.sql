-- sla-service: one clock per ticket per timed promise (metric).
create table sla_clock (
    id             uuid primary key,
    ticket_id      uuid        not null,
    metric         text        not null,
    policy_id      text        not null,
    target_seconds bigint      not null,
    calendar_id    text        not null,
    started_at     timestamptz not null,
    due_at         timestamptz not null,
    state          text        not null,
    channel        text        not null,
    category       text        not null,
    priority       text        not null,
    team           text,
    agent          text,
    version        int         not null,
    unique (ticket_id, metric)
);
create index sla_clock_running_due on sla_clock (due_at) where state = 'RUNNING';
