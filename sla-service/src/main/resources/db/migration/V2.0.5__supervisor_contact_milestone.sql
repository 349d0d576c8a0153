-- Seed 002: a complaint escalated to a supervisor is followed by the supervisor contacting the
-- customer within 24 h. A custom milestone of the seeded complaint policy, started by
-- complaint.escalated and stopped by complaint.contacted (left alone if an operator changed it).
update sla_policy
set definition = '{"name":"Complaint: respond within 24 h, update every 24 h, settle within 5 working days","conditions":{"categories":["COMPLAINT"]},"targets":[{"metric":"FIRST_RESPONSE","duration":"PT24H","calendarId":"24x7"},{"metric":"PERIODIC_UPDATE","duration":"PT24H","calendarId":"24x7"},{"metric":"RESOLUTION","duration":"PT45H","calendarId":"workdays"},{"metric":"SUPERVISOR_CONTACT","duration":"PT24H","calendarId":"24x7","startOn":"complaint.escalated","stopOn":["complaint.contacted"]}]}',
    updated_at = now(),
    version = version + 1
where id = 'seed-complaint' and version = 1;
