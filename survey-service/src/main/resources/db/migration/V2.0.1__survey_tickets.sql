-- survey-service: the local copy of what it needs to know about tickets (blueprint §1), kept from
-- ticket events; invitations and responses come with the survey issue.
create table survey_ticket (
    ticket_id   uuid primary key,
    customer_id text        not null,
    channel     text        not null,
    category    text        not null,
    priority    text        not null,
    team        text,
    agent       text,
    opened_at   timestamptz not null
);
