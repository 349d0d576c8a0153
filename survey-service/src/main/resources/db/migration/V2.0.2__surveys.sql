-- survey-service: templates, invitations and answers, customers' opt-out and last invitation.

-- What survey-service knows of a ticket now also follows its later events (team, agent, status).
alter table survey_ticket
    add column status      text,
    add column department  text,
    add column updated_at  timestamptz;
update survey_ticket set status = 'OPEN', updated_at = opened_at where status is null;
alter table survey_ticket alter column status set not null, alter column updated_at set not null;

-- Ordered templates: the first whose conditions match a survey's trigger, channel and category applies.
create table survey_template (
    id          text        primary key,
    position    int         not null,
    definition  text        not null,
    updated_at  timestamptz not null,
    version     int         not null
);

-- One survey per ticket. Its token (and the reminder's) are stored as SHA-256 hashes only.
create table survey (
    id               uuid        primary key,
    ticket_id        uuid        not null unique,
    trigger          text        not null,
    complaint_id     uuid,
    customer_id      text        not null,
    template_id      text        not null,
    questions        text        not null,
    state            text        not null,
    skip_reason      text,
    resolved_at      timestamptz,
    send_at          timestamptz not null,
    sent_at          timestamptz,
    remind_at        timestamptz,
    reminded_at      timestamptz,
    expires_at       timestamptz,
    token_hash       bytea       unique,
    reminder_hash    bytea       unique,
    answers          text,
    completed_at     timestamptz,
    version          int         not null
);
-- The scan for what falls due (sending, reminding, expiring).
create index survey_due_to_send on survey (send_at) where state = 'SCHEDULED';
create index survey_due_to_remind on survey (remind_at) where state = 'SENT' and reminded_at is null;
create index survey_due_to_expire on survey (expires_at) where state = 'SENT';

-- Per customer: opted out or not, and the last invitation (no survey fatigue).
create table survey_customer (
    customer_id      text        primary key,
    opted_out        boolean     not null,
    last_invited_at  timestamptz,
    changed_at       timestamptz not null
);

insert into survey_template (id, position, definition, updated_at, version) values
('seed-complaint-closure', 10, '{"name":"After a complaint is closed","conditions":{"trigger":"COMPLAINT_CLOSED"},"questions":{"csat":true,"nps":false,"ces":false,"dimensions":[{"name":"SERVICE_ATTITUDE","weight":0.2},{"name":"RESPONSE_SPEED","weight":0.2},{"name":"RESOLUTION_EFFECTIVENESS","weight":0.3},{"name":"PROFESSIONALISM","weight":0.15},{"name":"COMMUNICATION_CLARITY","weight":0.15}],"comment":true}}', now(), 0),
('seed-phone', 20, '{"name":"After a phone ticket is resolved","conditions":{"trigger":"TICKET_RESOLVED","channels":["PHONE"]},"questions":{"csat":true,"nps":false,"ces":true,"dimensions":[],"comment":true}}', now(), 0),
('seed-default', 1000, '{"name":"After a ticket is resolved","conditions":{"trigger":"TICKET_RESOLVED"},"questions":{"csat":true,"nps":true,"ces":true,"dimensions":[{"name":"SERVICE_ATTITUDE","weight":0.25},{"name":"RESPONSE_SPEED","weight":0.2},{"name":"RESOLUTION_EFFECTIVENESS","weight":0.25},{"name":"PROFESSIONALISM","weight":0.15},{"name":"COMMUNICATION_CLARITY","weight":0.15}],"comment":true}}', now(), 0);
