-- Seed 002: a complex issue gets a progress update at least every 24 h while it is open. Complaints
-- are the complex issues the seeds name, so the seeded complaint policy gains that promise.
update sla_policy
set definition = '{"name":"Complaint: respond within 24 h, update every 24 h, settle within 5 working days","conditions":{"categories":["COMPLAINT"]},"targets":[{"metric":"FIRST_RESPONSE","duration":"PT24H","calendarId":"24x7"},{"metric":"PERIODIC_UPDATE","duration":"PT24H","calendarId":"24x7"},{"metric":"RESOLUTION","duration":"PT45H","calendarId":"workdays"}]}',
    updated_at = now(),
    version = version + 1
where id = 'seed-complaint' and version = 0;
