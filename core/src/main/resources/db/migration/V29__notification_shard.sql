-- Issue 21: a notification names the journal event it comes from by its shard and seq, since a seq
-- counts within its shard (V25); one node with one shard: every row in shard 0, as before.
alter table notification add column shard int not null default 0;
alter table notification drop constraint notification_facility_kind_seq_key;
alter table notification add constraint notification_event unique (facility, kind, shard, seq);
