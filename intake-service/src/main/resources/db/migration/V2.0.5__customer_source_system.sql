-- Issue #14 (review): a customer's externalId is a CRM's own key, so customers are namespaced by the
-- source system (integration client id) whose CRM record they are: another CRM sending the same
-- externalId gets a customer of its own and never sees or changes this one. A customer entered by
-- staff belongs to no CRM: source_system null (nulls are distinct in the unique index, so staff of
-- two teams typing the same id each get their own record; staff link an existing one only through
-- a ticket they reach, see CustomerDirectory).

alter table customer add column source_system text;
alter table customer drop constraint customer_external_id_key;

-- A customer is the namespace of the ticket that created it (its first); staff's ('pledge') none.
update customer c set source_system = nullif(
    (select t.source_system from ticket t where t.customer_ref = c.id order by t.created_at, t.id limit 1),
    'pledge');

-- Before this version another source system could open tickets on the same row (and read it). Each
-- such source system gets a copy of the row in its own namespace, and its tickets point to that
-- copy, so later changes by one CRM no longer reach the other's tickets. The ciphertext is bound to
-- its field, not its row (FieldCipher), so it is copied as is. Staff tickets keep the original row.
insert into customer (id, source_system, external_id, tier, key_id, name_enc, phone_enc, email_enc,
                      phone_hash, email_hash, created_at, updated_at, version)
select md5(c.id::text || '/' || s.source_system)::uuid, s.source_system, c.external_id, c.tier, c.key_id,
       c.name_enc, c.phone_enc, c.email_enc, c.phone_hash, c.email_hash, c.created_at, c.updated_at, 0
  from customer c
  join (select distinct customer_ref, source_system from ticket
         where customer_ref is not null and source_system <> 'pledge') s on s.customer_ref = c.id
 where c.source_system is distinct from s.source_system;

update ticket t set customer_ref = md5(t.customer_ref::text || '/' || t.source_system)::uuid
 where t.source_system <> 'pledge'
   and exists (select 1 from customer c
                where c.id = t.customer_ref and c.source_system is distinct from t.source_system);

create unique index customer_source_external on customer (source_system, external_id);
-- Staff find a customer by externalId across namespaces (among those with a ticket they reach).
create index customer_external_id on customer (external_id);
create index ticket_customer_ref on ticket (customer_ref);
