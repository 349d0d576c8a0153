-- pgbench: the bare transaction behind POST /api/v1/tickets — one ticket row and one outbox row,
-- committed together — on the real intake schema (bench/intake.sh applies the migrations).
\set n random(1, 1000000000)
BEGIN;
INSERT INTO ticket (id, source_system, channel, category, priority, status, subject, customer_id, tags,
                    opened_at, created_at, version, tracking_token_hash)
VALUES (gen_random_uuid(), 'pgbench', 'EMAIL', 'INQUIRY', 'NORMAL', 'OPEN', 'Simulated contact', 'SIM-' || :n,
        '{}', now(), now(), 0, md5(random()::text || :n));
INSERT INTO outbox_event (event_id, topic, event_key, lane, event_type, source, subject, event_time, data_schema,
                          payload, created_at)
VALUES (gen_random_uuid(), 'pledge.tickets', :n, :n % 8, 'ticket.opened', '/pledge/intake-service', :n, now(),
        'urn:pledge:schema:ticket.opened', '{"ticket": {"ticketId": "00000000-0000-0000-0000-000000000000"}}', now());
END;
