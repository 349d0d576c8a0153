-- Seed 003: "if the problem needs on-site handling, a technician is arranged within 2 hours of the
-- customer's request" (接到客户请求后的2小时内安排专业技术人员上门服务). A custom milestone of every
-- seeded policy, started by ticket.on-site-requested and stopped by ticket.on-site-dispatched, in
-- wall-clock time (24x7). Policies an operator changed since they were seeded are left alone.
update sla_policy
set definition = (jsonb_set(definition::jsonb, '{targets}', (definition::jsonb -> 'targets')
        || '[{"metric":"ON_SITE_DISPATCH","duration":"PT2H","calendarId":"24x7","startOn":"ticket.on-site-requested","stopOn":["ticket.on-site-dispatched"]}]'::jsonb))::text,
    updated_at = now(),
    version = version + 1
where id like 'seed-%'
  and version = case id when 'seed-complaint' then 2 else 0 end
  and not (definition::jsonb -> 'targets') @> '[{"metric":"ON_SITE_DISPATCH"}]'::jsonb;

-- Blueprint §3, corrections travel: when complaint-service withdraws an escalation whose only cause
-- was retracted, the supervisor no longer owes the customer a contact, so that clock is cancelled.
update sla_policy
set definition = (jsonb_set(definition::jsonb, '{targets}', (
        select jsonb_agg(case when t ->> 'metric' = 'SUPERVISOR_CONTACT'
                              then t || '{"cancelOn":["complaint.escalation-withdrawn"]}'::jsonb else t end order by n)
        from jsonb_array_elements(definition::jsonb -> 'targets') with ordinality as e(t, n))))::text,
    updated_at = now(),
    version = version + 1
where id = 'seed-complaint' and version = 3;
