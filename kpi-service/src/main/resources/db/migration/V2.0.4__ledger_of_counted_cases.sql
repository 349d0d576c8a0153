-- kpi-service: what was counted for each case (Ledger): each ticket, complaint, on-site visit, SLA
-- alarm and first-response clock stop counts once where a KPI counts such things, and a later event takes back exactly what an
-- earlier one counted, in the bucket (an instant of it) and for the dimensions it was counted in.
-- Dimensions are JSON arrays of "all" and "name=value". Derived only from events: Rebuild forgets
-- them with the counters.

create table kpi_ticket (
    ticket_id              uuid primary key,
    -- UNKNOWN (only a first response seen), OPEN or RESOLVED
    status                 text    not null,
    opened_at              timestamptz,
    opened_in              jsonb,
    first_resolved_at      timestamptz,
    first_resolved_in      jsonb,
    first_contact_resolved boolean not null,
    reopened               boolean not null,
    -- the first response counted: the earliest reported, and the seconds recorded for it
    responded_at           timestamptz,
    response_seconds       bigint  not null,
    responded_in           jsonb
);

create table kpi_complaint (
    complaint_id  uuid primary key,
    registered_at timestamptz,
    registered_in jsonb,
    level         int     not null,
    -- the latest accepted resolution, and whether its follow-up visit was counted
    resolved_at   timestamptz,
    resolved_in   jsonb,
    followed_up   boolean not null
);

create table kpi_visit (
    visit_id     uuid primary key,
    requested_at timestamptz,
    requested_in jsonb,
    completed    boolean not null
);

-- An SLA clock's breach ('breach') or warning at a threshold ('warning-80') as counted.
create table kpi_clock_alarm (
    clock_id   uuid        not null,
    alarm      text        not null,
    raised_at  timestamptz not null,
    counted_at timestamptz not null,
    counted_in jsonb       not null,
    primary key (clock_id, alarm)
);

-- A first-response clock's stop as recorded in first-response.business-time: the latest announced.
create table kpi_clock_stop (
    clock_id        uuid primary key,
    elapsed_seconds bigint      not null,
    counted_at      timestamptz not null,
    counted_in      jsonb       not null
);
