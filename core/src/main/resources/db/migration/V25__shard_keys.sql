-- Issue 21: the tables a shard's single writer owns carry the shard, and every unique key of them
-- includes it, so that a Citus coordinator can distribute them by it, colocated
-- (core.db.impl.CitusLayout). One node, embedded or on a plain Postgres: every row is in shard 0.
-- A journal's seq counts within its shard; an idempotency key is unique within its facility and
-- shard (a report split over shards journals each part under the same key, in its own shard).
alter table journal add column shard int not null default 0;
alter table journal drop constraint journal_pkey;
alter table journal add primary key (shard, seq);
alter table journal drop constraint journal_facility_idempotency_key_key;
alter table journal add constraint journal_idempotency unique (shard, facility, idempotency_key);
drop index journal_bulk;
create unique index journal_bulk on journal (shard, bulk) where bulk is not null;

alter table journal_part add column shard int not null default 0;
alter table journal_part drop constraint journal_part_pkey;
alter table journal_part add primary key (shard, bulk, part);

alter table custody add column shard int not null default 0;
alter table custody drop constraint custody_pkey;
alter table custody add primary key (shard, key, seq);

-- one watermark per shard: its custody index has read that shard's journal up to seq
alter table custody_watermark drop constraint custody_watermark_id_check;
alter table custody_watermark add column shard int not null default 0;
alter table custody_watermark drop constraint custody_watermark_pkey;
alter table custody_watermark add primary key (shard);
alter table custody_watermark drop column id;
