-- Alerts for people: the staff directory, the alert rules (seeded from the seeds' defaults), what
-- alerts know of tickets, and every alert with its sending schedule (so that a restart or a second
-- replica loses and doubles nothing).

-- The staff directory: agents and supervisors by the id their tokens and ticket.agent carry. No
-- customer data ever lives here.
create table recipient (
    id                text primary key,
    name              text        not null,
    email             text        not null,
    -- a Slack- or Teams-compatible incoming webhook; null: e-mail only
    chat_webhook      text,
    leads_teams       text[]      not null,
    -- the departments whose supervisor this person is
    leads_departments text[]      not null,
    -- the complaint escalation levels (1-4, complaint.escalated's level) this person owns
    owns_levels       int[]       not null,
    language          text        not null check (language in ('en', 'zh-CN')),
    time_zone         text        not null,
    -- local times in time_zone; both or neither; start > end spans midnight (22:00-07:00)
    quiet_start       time,
    quiet_end         time,
    version           int         not null,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    check ((quiet_start is null) = (quiet_end is null))
);
create index recipient_teams on recipient using gin (leads_teams);
create index recipient_departments on recipient using gin (leads_departments);
create index recipient_levels on recipient using gin (owns_levels);

-- Which events alert whom. definition: the rule as the API shows it (JSON: description, conditions,
-- roles, channels); event_type and enabled are repeated as columns for the lookup per event.
create table alert_rule (
    id         text primary key,
    event_type text        not null,
    enabled    boolean     not null,
    definition text        not null,
    version    int         not null,
    updated_at timestamptz not null
);
create index alert_rule_type on alert_rule (event_type) where enabled;

-- The seeds' defaults (issue #15; ServiceNow and osTicket tell the assignee and the manager at
-- 75 % and at the breach; the escalation levels each name who is told).
insert into alert_rule (id, event_type, enabled, definition, version, updated_at) values
('seed-sla-warning-75', 'sla.warning', true,
 '{"eventType":"sla.warning","description":"three quarters of a promise used: the assignee","conditions":{"thresholdPercent":75},"roles":["ASSIGNEE"],"channels":["EMAIL","CHAT"],"enabled":true}',
 0, now()),
('seed-sla-warning-90', 'sla.warning', true,
 '{"eventType":"sla.warning","description":"nine tenths of a promise used: the assignee and the team lead","conditions":{"thresholdPercent":90},"roles":["ASSIGNEE","TEAM_LEAD"],"channels":["EMAIL","CHAT"],"enabled":true}',
 0, now()),
('seed-sla-breached', 'sla.breached', true,
 '{"eventType":"sla.breached","description":"a promise breached: the assignee, the team lead and the department''s supervisor","conditions":{},"roles":["ASSIGNEE","TEAM_LEAD","DEPARTMENT_SUPERVISOR"],"channels":["EMAIL","CHAT"],"enabled":true}',
 0, now()),
('seed-complaint-escalated', 'complaint.escalated', true,
 '{"eventType":"complaint.escalated","description":"a complaint escalated: the owners of the new level, with the contact deadline","conditions":{},"roles":["LEVEL_OWNER"],"channels":["EMAIL","CHAT"],"enabled":true}',
 0, now()),
('seed-survey-unsatisfied', 'survey.completed', true,
 '{"eventType":"survey.completed","description":"an unsatisfied customer: the team lead","conditions":{"unsatisfied":true},"roles":["TEAM_LEAD"],"channels":["EMAIL","CHAT"],"enabled":true}',
 0, now()),
('seed-webhook-endpoint-disabled', 'webhook.endpoint-disabled', true,
 '{"eventType":"webhook.endpoint-disabled","description":"a webhook endpoint disabled: its owner","conditions":{},"roles":["SUBSCRIPTION_OWNER"],"channels":["EMAIL","CHAT"],"enabled":true}',
 0, now());

-- What alerts know of each ticket, from the ticket facts events carry (SLA events name no
-- department: the department's supervisor is found through this). The newest facts win.
create table alert_ticket (
    ticket_id   text primary key,
    team        text,
    department  text,
    agent       text,
    occurred_at timestamptz not null
);

-- One row per alert and channel: once per rule, recipient, cause event, kind and channel, whatever
-- is redelivered or replayed (insert ... on conflict do nothing).
create table alert (
    id              uuid primary key,
    rule_id         text        not null,
    recipient_id    text        not null,
    channel         text        not null check (channel in ('EMAIL', 'CHAT')),
    kind            text        not null check (kind in ('ALERT', 'CORRECTION')),
    cause_event_id  text        not null,
    cause_type      text        not null,
    ticket_id       text,
    -- the SLA clock of an sla.* cause: a retraction finds the breach alerts through it
    clock_id        text,
    -- a CORRECTION: the alert it corrects (each alert is corrected at most once)
    corrects        uuid references alert (id),
    -- where the ticket belongs, for supervisors' view of the alerts
    team            text,
    department      text,
    -- what the message says (JSON, AlertFacts), rendered when sent in the recipient's language
    facts           text        not null,
    -- PENDING due at next_attempt_at; DIGESTED waiting in digest_id; SENT; FAILED (given up or
    -- refused); CANCELLED (a retracted breach that had not gone out yet, a recipient removed)
    state           text        not null check (state in ('PENDING', 'DIGESTED', 'SENT', 'FAILED', 'CANCELLED')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz,
    first_attempt_at timestamptz,
    last_error      text,
    created_at      timestamptz not null,
    sent_at         timestamptz,
    digest_id       uuid,
    unique (rule_id, recipient_id, cause_event_id, kind, channel)
);
create unique index alert_corrects on alert (corrects) where corrects is not null;
create index alert_due on alert (next_attempt_at) where state = 'PENDING';
create index alert_clock on alert (clock_id) where clock_id is not null;
create index alert_sent_recently on alert (recipient_id, channel, sent_at) where digest_id is null;
create index alert_recipient_list on alert (recipient_id, created_at, id);
create index alert_ticket_list on alert (ticket_id, created_at, id);
create index alert_list on alert (created_at, id);
create index alert_digest_members on alert (digest_id) where digest_id is not null;

-- A summary of the alerts beyond a recipient's mails a minute (notify.alerts.max-mails-per-minute):
-- due when a slot in the last minute frees up; alerts arriving meanwhile join it.
create table alert_digest (
    id              uuid primary key,
    recipient_id    text        not null,
    channel         text        not null check (channel in ('EMAIL', 'CHAT')),
    -- PENDING (gathering, due at next_attempt_at); SENT; FAILED; CANCELLED (every alert it
    -- gathered was cancelled: a retracted breach)
    state           text        not null check (state in ('PENDING', 'SENT', 'FAILED', 'CANCELLED')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz,
    first_attempt_at timestamptz,
    last_error      text,
    created_at      timestamptz not null,
    sent_at         timestamptz
);
alter table alert add constraint alert_digest_fk foreign key (digest_id) references alert_digest (id);
-- at most one digest gathering per recipient and channel
create unique index alert_digest_open on alert_digest (recipient_id, channel) where state = 'PENDING';
create index alert_digest_due on alert_digest (next_attempt_at) where state = 'PENDING';
create index alert_digest_sent_recently on alert_digest (recipient_id, channel, sent_at);
