-- Issue 21: an upload's row lives in its home shard, the shard of the uploading facility's own
-- holder (core.journal.Shards.ofHolder of its partner ID): where a usage file is journaled whole,
-- and where a file of movements whose parts go to several shards is still recorded, once. Every
-- unique key includes the shard, so a Citus coordinator distributes the table by it, colocated with
-- the journal (core.db.impl.CitusLayout). Since the home shard is a function of the facility, the
-- keys mean what they meant: one job per file, or per idempotency key, of a facility. The ids come
-- from one sequence (the coordinator's on Citus). Beside V30 (core's batch and issuance), numbered
-- 30.1 because this module's migrations are not on core's classpath.
alter table upload add column shard int not null default 0;
alter table upload drop constraint upload_pkey;
alter table upload add primary key (shard, id);
alter table upload drop constraint upload_facility_template_mode_sha256_key;
alter table upload add constraint upload_file unique (shard, facility, template, mode, sha256);
alter table upload drop constraint upload_facility_idempotency_key_key;
alter table upload add constraint upload_idempotency unique (shard, facility, idempotency_key);
