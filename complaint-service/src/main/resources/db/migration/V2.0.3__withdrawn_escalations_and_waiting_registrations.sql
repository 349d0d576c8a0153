-- Blueprint §3, corrections travel: an escalation whose only cause was retracted (a breach that a
-- late event disproved) is withdrawn; its row stays, marked, so the history keeps it and the same
-- cause may escalate again if it comes back (the clock breaches after all).
alter table complaint_escalation
    add column withdrawn_at timestamptz;

-- POST /api/v1/complaints for a ticket whose ticket.opened has not arrived yet: the request waits
-- here and is registered, with what it asked for, when the ticket's first event arrives.
create table complaint_registration_request (
    ticket_id    uuid        primary key,
    requested_by text        not null,
    requested_at timestamptz not null,
    subject      text,
    severity     text,
    department   text,
    description  text
);
