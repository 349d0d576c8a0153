-- Issue #14, scope: a complaint belongs to its ticket's team, department and source system. The
-- ticket copy keeps the system that opened the ticket (TicketOpened.sourceSystem), so that an
-- integration client reaches only the complaints of tickets it opened; null for tickets learnt
-- before (only callers reaching everything, or their team or department, see those).
alter table complaint_ticket add column source_system text;
create index complaint_ticket_scope on complaint_ticket (team, department, source_system);
