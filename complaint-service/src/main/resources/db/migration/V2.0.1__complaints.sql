-- complaint-service: one complaint per ticket.
create table complaint (
    id            uuid primary key,
    ticket_id     uuid        not null unique,
    customer_id   text        not null,
    state         text        not null,
    severity      text        not null,
    department    text,
    channel       text        not null,
    priority      text        not null,
    team          text,
    agent         text,
    registered_at timestamptz not null,
    version       int         not null
);
create index complaint_customer on complaint (customer_id, registered_at);
