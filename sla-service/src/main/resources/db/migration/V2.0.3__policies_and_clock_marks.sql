-- sla-service: operator-managed SLA policies, what sla-service keeps of each ticket, and clocks
-- driven by their marks (ClockTimeline).

-- Ordered: the first policy whose conditions match a ticket applies.
create table sla_policy (
    id          text primary key,
    position    int         not null,
    definition  text        not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     int         not null
);

-- The local copy of what policy matching needs and ticket events do not repeat.
create table sla_ticket (
    ticket_id     uuid primary key,
    customer_tier text,
    tags          text[]      not null default '{}',
    opened_at     timestamptz not null
);

alter table sla_clock
    alter column due_at drop not null,
    add column warning_thresholds  text    not null default '50,75,90',
    add column warnings_announced  int     not null default 0,
    add column breach_announced    boolean not null default false,
    add column outcome_announced   text,
    add column cycle_started_at    timestamptz,
    add column elapsed_seconds     bigint  not null default 0,
    add column paused_seconds      bigint  not null default 0,
    add column stopped_at          timestamptz,
    add column next_alert_at       timestamptz;
-- The alarm scan: running clocks whose next warning or breach is due.
create index sla_clock_next_alert on sla_clock (next_alert_at) where next_alert_at is not null;

create table sla_clock_mark (
    seq      bigint generated always as identity primary key,
    clock_id uuid        not null references sla_clock (id),
    at       timestamptz not null,
    step     text        not null
);
create index sla_clock_mark_clock on sla_clock_mark (clock_id);

-- The defaults of blueprint §5 (seeds 000, 002, 003). Operators change them through the API.
insert into sla_policy (id, position, definition, created_at, updated_at, version) values
('seed-phone', 10, '{"name":"Phone: answer within 30 s","conditions":{"channels":["PHONE"]},"targets":[{"metric":"FIRST_RESPONSE","duration":"PT30S","calendarId":"24x7"},{"metric":"RESOLUTION","duration":"PT27H","calendarId":"workdays"}]}', now(), now(), 0),
('seed-chat', 20, '{"name":"Chat: reply within 30 min","conditions":{"channels":["CHAT"]},"targets":[{"metric":"FIRST_RESPONSE","duration":"PT30M","calendarId":"24x7"},{"metric":"NEXT_RESPONSE","duration":"PT30M","calendarId":"24x7"},{"metric":"RESOLUTION","duration":"PT27H","calendarId":"workdays"}]}', now(), now(), 0),
('seed-urgent', 30, '{"name":"Urgent issue: respond within 1 h","conditions":{"priorities":["URGENT"]},"targets":[{"metric":"FIRST_RESPONSE","duration":"PT1H","calendarId":"24x7"},{"metric":"RESOLUTION","duration":"PT24H","calendarId":"24x7"}]}', now(), now(), 0),
('seed-complaint', 40, '{"name":"Complaint: respond within 24 h, settle within 5 working days","conditions":{"categories":["COMPLAINT"]},"targets":[{"metric":"FIRST_RESPONSE","duration":"PT24H","calendarId":"24x7"},{"metric":"RESOLUTION","duration":"PT45H","calendarId":"workdays"}]}', now(), now(), 0),
('seed-email', 50, '{"name":"E-mail: acknowledge within 24 h, propose a solution within 48 h","conditions":{"channels":["EMAIL"]},"targets":[{"metric":"FIRST_RESPONSE","duration":"PT24H","calendarId":"24x7"},{"metric":"NEXT_RESPONSE","duration":"PT24H","calendarId":"24x7"},{"metric":"RESOLUTION","duration":"PT48H","calendarId":"24x7"}]}', now(), now(), 0),
('seed-general', 1000, '{"name":"General issue: respond within 24 h, resolve within 3 working days","conditions":{},"targets":[{"metric":"FIRST_RESPONSE","duration":"PT24H","calendarId":"24x7"},{"metric":"RESOLUTION","duration":"PT27H","calendarId":"workdays"}]}', now(), now(), 0);
