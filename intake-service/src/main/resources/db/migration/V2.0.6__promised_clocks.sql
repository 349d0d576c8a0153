-- Issue #16: the tracking page tells the customer by when the next step is promised. intake-service
-- learns it from pledge.sla (never by asking sla-service): per SLA clock, what its events have told so
-- far. Events may arrive in any order (a replay), so each column only ever moves one way (the latest
-- cycle start with its due instant, the latest stop, the cancellation) and the result does not depend
-- on the order (ClockKnowledge).
create table promised_clock (
    clock_id         uuid primary key,
    ticket_id        uuid        not null,
    metric           text        not null,
    cycle_started_at timestamptz,
    due_at           timestamptz,
    stopped_at       timestamptz,
    cancelled_at     timestamptz
);

create index promised_clock_ticket on promised_clock (ticket_id);
