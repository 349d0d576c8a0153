-- Platform tables of issue #14 (versioned 1.x like every platform migration; applied out of order
-- on databases that already hold a service's 2.x migrations: quarkus.flyway.out-of-order).

-- The audit log (io.pledge.platform.audit): decryptions, admin changes, refusals.
create table audit_entry (
    id      uuid        primary key,
    at      timestamptz not null,
    actor   text        not null,
    roles   text        not null,
    action  text        not null,
    target  text,
    detail  text,
    address text
);
create index audit_entry_at_id on audit_entry (at desc, id desc);
create index audit_entry_actor_at on audit_entry (actor, at desc);
create index audit_entry_action_at on audit_entry (action, at desc);

-- Rate-limit buckets shared by every replica (Bucket4j's PostgreSQL proxy manager, select for update).
create table rate_limit_bucket (
    id         text   primary key,
    state      bytea,
    expires_at bigint
);
create index rate_limit_bucket_expires_at on rate_limit_bucket (expires_at);
