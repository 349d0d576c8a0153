-- Issue #14: who may see a ticket's clocks. The ticket copy keeps where the ticket belongs (its
-- team and department, following assignments) and the system that opened it, so that
-- GET /api/v1/tickets/{id}/sla and the at-risk queue answer each caller within its scope.
alter table sla_ticket
    add column team          text,
    add column department    text,
    add column source_system text;

-- Tickets known before: their clocks already follow the team; department and source system were
-- never kept, so such tickets are reached by their team or by callers that see everything.
update sla_ticket t
   set team = (select c.team from sla_clock c where c.ticket_id = t.ticket_id and c.team is not null
                order by c.started_at desc limit 1);

create index sla_ticket_team on sla_ticket (team);
create index sla_ticket_department on sla_ticket (department);
create index sla_ticket_source_system on sla_ticket (source_system);
