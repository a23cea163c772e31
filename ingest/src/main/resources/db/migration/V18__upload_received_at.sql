-- Pasal 12(5), 13(3): an upload's report is judged late from when the upload reached Lacak, not
-- from when its job ran. Uploads from before this column arrived when their row was made.
alter table upload add column received_at timestamptz;
update upload set received_at = created_at;
alter table upload alter column received_at set not null;
