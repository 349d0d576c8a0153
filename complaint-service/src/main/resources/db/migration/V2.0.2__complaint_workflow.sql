-- complaint-service: the complaint procedure (workflow, escalation matrix, follow-up visit,
-- root causes), the copy of ticket facts complaint events carry, and events parked until the
-- complaint they concern is registered.

alter table complaint
    add column subject            text        not null default 'OTHER',
    add column level              int         not null default 1,
    add column repeat_count       int         not null default 1,
    add column description        text,
    add column registered_by      text,
    add column acknowledge_by     timestamptz,
    add column acknowledged_at    timestamptz,
    add column contact_by         timestamptz,
    add column contacted_at       timestamptz,
    add column proposals          int         not null default 0,
    add column proposal           text,
    add column resolved_at        timestamptz,
    add column follow_ups         int         not null default 0,
    add column follow_up_due      timestamptz,
    add column follow_up_outcome  text,
    add column follow_up_notes    text,
    add column root_cause         text,
    add column corrective_action  text,
    add column closed_at          timestamptz;
update complaint set acknowledge_by = registered_at + interval '24 hours' where acknowledge_by is null;
alter table complaint alter column acknowledge_by set not null;
create index complaint_list on complaint (registered_at desc, id desc);

-- Who did what when: one row per step of the procedure, escalations included.
create table complaint_step (
    id           bigserial   primary key,
    complaint_id uuid        not null references complaint (id),
    action       text        not null,
    from_state   text,
    to_state     text        not null,
    level        int         not null,
    actor        text,
    at           timestamptz not null,
    detail       text
);
create index complaint_step_of on complaint_step (complaint_id, id);

-- One escalation per complaint and cause (e.g. SLA_BREACHED:<clock id>, CUSTOMER_REJECTED:<proposal
-- number>, SEVERITY): the primary key makes escalating twice for the same cause impossible.
create table complaint_escalation (
    complaint_id uuid        not null references complaint (id),
    cause        text        not null,
    from_level   int         not null,
    to_level     int         not null,
    at           timestamptz not null,
    primary key (complaint_id, cause)
);

-- The latest facts about every ticket, from the ticket events: complaint events carry them, and a
-- complaint raised by REST must name a ticket that exists.
create table complaint_ticket (
    ticket_id   uuid primary key,
    customer_id text        not null,
    channel     text        not null,
    category    text        not null,
    priority    text        not null,
    status      text        not null,
    team        text,
    agent       text,
    department  text,
    updated_at  timestamptz not null
);

-- SLA and survey events about a complaint that is not registered yet (its ticket.opened has not
-- arrived): applied, in event-time order, when the complaint is registered.
create table pending_event (
    event_id    text        primary key,
    ticket_id   uuid        not null,
    event_type  text        not null,
    source      text        not null,
    event_time  timestamptz not null,
    data        text        not null,
    parked_at   timestamptz not null
);
create index pending_event_ticket on pending_event (ticket_id, event_time);
