-- Issue 21: batches and code requests are a holder's own (Pasal 7(2): only the NIE holder asks for
-- codes; its usage reports make its batches), so they live in the holder's shard with its journal
-- and custody: each row carries the shard of its product's holder, every unique key of them
-- includes it, and a Citus coordinator distributes them by it, colocated with the journal
-- (core.db.impl.CitusLayout; a cluster made before, where they were reference tables, is re-laid
-- out there). A batch's ref stays unique over all shards (a shard's writer hands out the refs r with
-- (r - 1) mod S = shard) and an issuance's id comes from one sequence, of the coordinator on Citus.
-- One node with one shard, embedded or on a plain Postgres: every row in shard 0, as before.
alter table batch add column shard int not null default 0;
alter table batch drop constraint batch_pkey;
alter table batch add primary key (shard, ref);
alter table batch drop constraint batch_product_id_batch_key;
alter table batch add constraint batch_name unique (shard, product_id, batch);

alter table issuance add column shard int not null default 0;
alter table issuance drop constraint issuance_pkey;
alter table issuance add primary key (shard, id);
alter table issuance drop constraint issuance_requested_by_idempotency_key_key;
alter table issuance add constraint issuance_idempotency unique (shard, requested_by, idempotency_key);
