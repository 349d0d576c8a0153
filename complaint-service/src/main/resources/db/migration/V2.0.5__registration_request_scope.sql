-- Issue #14, scope of a waiting REST registration: it is carried out only if the ticket, once its
-- events arrive, lies within the scope of whoever asked for it; so the requester's scope (roles,
-- teams, departments, client id, as their token told them when they asked) is kept with the request.
-- Requests waiting from before this migration have no recorded scope: they reach nothing and are
-- dropped (audited) when their ticket arrives, rather than carried out unchecked.
alter table complaint_registration_request
    add column requester_roles       text[] not null default '{}',
    add column requester_teams       text[] not null default '{}',
    add column requester_departments text[] not null default '{}',
    add column requester_client      text;

-- One waiting request per ticket and requester, no longer per ticket: otherwise the first caller to
-- ask for an unknown ticket (perhaps one outside their scope, whose request will be dropped) would
-- shut out the registration of someone entitled to it.
alter table complaint_registration_request
    add column id uuid;
update complaint_registration_request set id = gen_random_uuid();
alter table complaint_registration_request
    alter column id set not null,
    drop constraint complaint_registration_request_pkey,
    add primary key (id),
    add constraint complaint_registration_request_once unique (ticket_id, requested_by);
