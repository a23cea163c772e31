-- Products known to track and trace, keyed by their NIE (marketing authorisation, Lampiran C).
-- next_counter is the per-product counter that FF1 permutes into serials (Pasal 7-10, Lampiran F):
-- the only counter Lacak keeps, one per product, so products can later be sharded freely.
create table product (
    id              serial primary key,
    nie             varchar(16) not null unique,
    name            text not null,
    holder          varchar(32) not null,          -- partner ID (ID rekanan) of the NIE holder
    authentication  boolean not null,              -- needs serialised authentication codes (Pasal 3, 6)
    nie_valid_until date not null,
    next_counter    bigint not null default 0
);

-- International product identities (GTIN) a holder put in a code request (Pasal 8(3)); codes of
-- such a request are printed (01)GTIN(10)...(21)... and verified through this table.
create table product_gtin (
    gtin            char(14) primary key,
    product_id      int not null references product (id)
);

-- One row per code request, whatever the number of codes: the counters of the request are the
-- contiguous range [counter_start, counter_start + primaries + secondaries + tertiaries),
-- primaries first, then secondaries, then tertiaries.
create table issuance (
    id              bigserial primary key,
    product_id      int not null references product (id),
    batch           varchar(20) not null,
    expiry          date not null,
    gtin            char(14) references product_gtin (gtin),
    primaries       bigint not null check (primaries > 0),
    secondaries     bigint not null check (secondaries > 0),
    tertiaries      bigint not null check (tertiaries > 0),
    per_secondary   int not null check (per_secondary > 0),
    per_tertiary    int not null check (per_tertiary > 0),
    counter_start   bigint not null check (counter_start >= 0),
    key_version     int not null,
    requested_by    varchar(32) not null,
    idempotency_key varchar(128),
    created_at      timestamptz not null default now(),
    unique (requested_by, idempotency_key)
);

create index issuance_product_batch on issuance (product_id, batch);
