-- One login role and one database per service, each database open to its own role only, as
-- deploy/local/postgres.sh makes them. DEVELOPMENT passwords (the role names), as in deploy/local.
CREATE ROLE pledge_intake LOGIN PASSWORD 'pledge_intake';
CREATE DATABASE pledge_intake OWNER pledge_intake;
REVOKE ALL ON DATABASE pledge_intake FROM PUBLIC;

CREATE ROLE pledge_sla LOGIN PASSWORD 'pledge_sla';
CREATE DATABASE pledge_sla OWNER pledge_sla;
REVOKE ALL ON DATABASE pledge_sla FROM PUBLIC;

CREATE ROLE pledge_complaint LOGIN PASSWORD 'pledge_complaint';
CREATE DATABASE pledge_complaint OWNER pledge_complaint;
REVOKE ALL ON DATABASE pledge_complaint FROM PUBLIC;

CREATE ROLE pledge_survey LOGIN PASSWORD 'pledge_survey';
CREATE DATABASE pledge_survey OWNER pledge_survey;
REVOKE ALL ON DATABASE pledge_survey FROM PUBLIC;

CREATE ROLE pledge_kpi LOGIN PASSWORD 'pledge_kpi';
CREATE DATABASE pledge_kpi OWNER pledge_kpi;
REVOKE ALL ON DATABASE pledge_kpi FROM PUBLIC;

CREATE ROLE pledge_notify LOGIN PASSWORD 'pledge_notify';
CREATE DATABASE pledge_notify OWNER pledge_notify;
REVOKE ALL ON DATABASE pledge_notify FROM PUBLIC;
