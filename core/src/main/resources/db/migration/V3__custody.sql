-- Chain of custody, derived from the journal by the custody indexer (never on the report path):
-- one row per code per event that changed it, with the state it had after that event. A code
-- inside a container takes the container's events while it is inside (lazy inheritance).
create table custody (
    key          bytea not null,                    -- store key: product reference + packed serial
    seq          bigint not null,
    status       varchar(20) not null,
    holder       int not null,
    counterparty int not null,
    parent       int not null,                      -- container reference after the event, 0 for none
    batch        int not null,
    primary key (key, seq)
);

-- Lampiran L.a.5: who holds or held a batch, for recall notices.
create index custody_batch_holder on custody (batch, holder);

create table custody_watermark (
    id  int primary key check (id = 1),
    seq bigint not null
);
insert into custody_watermark (id, seq) values (1, 0);
