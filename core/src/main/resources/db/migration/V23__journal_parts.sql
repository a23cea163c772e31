-- Issue 18: a report too big for one row (a file of a million lines) is journaled in parts, each a
-- few hundred kilobytes of effects, written while the report is decided. The parts count only once
-- the journal row that names their bulk is committed: that row is the report's one commit point.
-- Parts of a bulk no journal row names (a report refused, or cut by a crash) are deleted on start.
create sequence journal_bulk_seq;

create table journal_part (
    bulk    bigint not null,
    part    int not null,
    rows    int not null,                   -- lines of the file the part decided, for progress
    effects bytea not null,
    primary key (bulk, part)
);

alter table journal add column bulk bigint;
create unique index journal_bulk on journal (bulk) where bulk is not null;
