-- sla-service: business calendars. The definition is the API's JSON form (weeklyHours, holidays,
-- specialDays); BusinessCalendar is built from it.
create table business_calendar (
    id          text primary key,
    name        text        not null,
    time_zone   text        not null,
    definition  text        not null,
    built_in    boolean     not null default false,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     int         not null
);

-- Shipped with the product (blueprint §5): round the clock, and the working days the seeds speak
-- of (Monday to Friday, 09:00-18:00, China Standard Time). Built-in calendars cannot be changed.
insert into business_calendar (id, name, time_zone, definition, built_in, created_at, updated_at, version) values
('24x7', 'Round the clock', 'UTC',
 '{"name":"Round the clock","timeZone":"UTC","weeklyHours":{"MONDAY":[{"start":"00:00","end":"24:00"}],"TUESDAY":[{"start":"00:00","end":"24:00"}],"WEDNESDAY":[{"start":"00:00","end":"24:00"}],"THURSDAY":[{"start":"00:00","end":"24:00"}],"FRIDAY":[{"start":"00:00","end":"24:00"}],"SATURDAY":[{"start":"00:00","end":"24:00"}],"SUNDAY":[{"start":"00:00","end":"24:00"}]},"holidays":[],"specialDays":[]}',
 true, now(), now(), 0),
('workdays', 'Working days (Mon-Fri 09:00-18:00)', 'Asia/Shanghai',
 '{"name":"Working days (Mon-Fri 09:00-18:00)","timeZone":"Asia/Shanghai","weeklyHours":{"MONDAY":[{"start":"09:00","end":"18:00"}],"TUESDAY":[{"start":"09:00","end":"18:00"}],"WEDNESDAY":[{"start":"09:00","end":"18:00"}],"THURSDAY":[{"start":"09:00","end":"18:00"}],"FRIDAY":[{"start":"09:00","end":"18:00"}]},"holidays":[],"specialDays":[]}',
 true, now(), now(), 0);
