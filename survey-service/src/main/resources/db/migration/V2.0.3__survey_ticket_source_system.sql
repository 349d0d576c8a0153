-- Issue #14, scope: a survey belongs to its ticket's team, department and source system. The
-- ticket copy keeps the system that opened the ticket (TicketOpened.sourceSystem), so that an
-- integration client reaches only the surveys (and customers) of tickets it opened; null for
-- tickets learnt before.
alter table survey_ticket add column source_system text;
create index survey_ticket_customer on survey_ticket (customer_id);
