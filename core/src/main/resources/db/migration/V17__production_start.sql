-- Pasal 9: a code request is made at least 10 working days before production starts. The request
-- says when production starts; one made later is accepted and flagged late, for the regulator.
-- Requests from before this column existed (and those that give no date) are not flagged.
alter table issuance add column production_start date;
alter table issuance add column notice_working_days int; -- working days from the request to production
alter table issuance add column late boolean not null default false;
create index issuance_late on issuance (id desc) where late;
