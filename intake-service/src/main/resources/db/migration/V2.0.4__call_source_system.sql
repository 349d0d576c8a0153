-- Issue #14: a call belongs to the phone system that reported it (its token's client id), which an
-- integration's scope is. Calls recorded before were all opened as source system 'phone'.
alter table call add column source_system text;
update call set source_system = coalesce((select t.source_system from ticket t where t.id = call.ticket_id), 'phone');
alter table call alter column source_system set not null;

-- The scope filter of ticket lists (team, department or source system reached).
create index ticket_team on ticket (team);
create index ticket_department on ticket (department);
