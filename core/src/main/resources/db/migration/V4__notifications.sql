-- Notifications per facility (issue 5; Lampiran L.a.5 for recalls), derived from the journal by the
-- custody indexer in the same transaction as the custody rows, so that none is lost or doubled:
-- incoming shipments, returns awaiting a decision, incoming recall shipments, and recall notices
-- for every facility that holds or held a code of the batch.
create table notification (
    id         bigserial primary key,
    facility   int not null,
    kind       varchar(32) not null,
    seq        bigint not null,                     -- the journal event it comes from
    subject    text not null,
    codes      int not null,                        -- codes of the event that concern the facility
    read       boolean not null default false,
    created_at timestamptz not null default now(),
    unique (facility, kind, seq)
);

create index notification_feed on notification (facility, id);

-- What a report says beyond its codes, kept with it (Lampiran L.a: a recall notice's reason and
-- recall letter; a return's reason), as JSON.
alter table journal add column details text;
