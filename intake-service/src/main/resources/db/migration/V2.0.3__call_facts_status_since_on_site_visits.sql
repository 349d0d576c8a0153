-- intake-service: the team and department of a call, since when a ticket is in its status, and
-- on-site visits.

-- What the phone system said about the call besides its agent: an abandoned call is counted under them.
alter table call
    add column team       text,
    add column department text;

-- When the ticket entered its status: a status change reported late may not be dated before it.
-- Tickets from before this version take it from the last status-setting event on their timeline.
alter table ticket add column status_since timestamptz;
update ticket t set status_since = coalesce(
    (select e.occurred_at from ticket_timeline e
      where e.ticket_id = t.id
        and e.event_type in ('ticket.opened', 'ticket.status-changed', 'ticket.resolved', 'ticket.reopened', 'ticket.closed')
      order by e.seq desc
      limit 1),
    t.opened_at);
alter table ticket alter column status_since set not null;

-- A technician's visit for a ticket (seed 003: dispatched within 2 h, completed the same day):
-- requested, dispatched, completed, each not before the one before. One visit under way per ticket.
create table on_site_visit (
    id            uuid primary key,
    ticket_id     uuid        not null references ticket (id),
    reason        text        not null,
    requested_by  text,
    requested_at  timestamptz not null,
    technician    text,
    dispatched_at timestamptz,
    outcome       text,
    completed_at  timestamptz,
    created_at    timestamptz not null,
    check (dispatched_at is null or dispatched_at >= requested_at),
    check (completed_at is null or (dispatched_at is not null and completed_at >= dispatched_at))
);
create unique index on_site_visit_under_way on on_site_visit (ticket_id) where completed_at is null;
create index on_site_visit_ticket on on_site_visit (ticket_id, requested_at);

-- An Idempotency-Key may have requested an on-site visit instead of opening a ticket: a retry gets the visit back.
alter table idempotency_key add column visit_id uuid references on_site_visit (id);
