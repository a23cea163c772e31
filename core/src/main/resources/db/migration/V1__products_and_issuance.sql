-- Products known to track and trace, keyed as printed: (90) NIE or (01) GTIN (Lampiran C).
-- next_counter is the per-product counter that FF1 permutes into serials (Pasal 7-10, Lampiran F):
-- the only counter Lacak keeps, one per product, so products can later be sharded freely.
create table product (
    id              serial primary key,
    nie             varchar(16) unique,
    gtin            char(14) unique,
    name            text not null,
    holder          varchar(32) not null,          -- partner ID (ID rekanan) of the NIE holder
    authentication  boolean not null,              -- needs serialised authentication codes (Pasal 3, 6)
    nie_valid_until date not null,
    next_counter    bigint not null default 0,
    check (nie is not null or gtin is not null)
);

-- One row per code request, whatever the number of codes: the counters of the request are the
-- contiguous range [counter_start, counter_start + primaries + secondaries + tertiaries),
-- primaries first, then secondaries, then tertiaries.
create table issuance (
    id              bigserial primary key,
    product_id      int not null references product (id),
    batch           varchar(20) not null,
    expiry          date not null,
    gtin            char(14),                      -- optional GTIN of the request (Pasal 8)
    primaries       bigint not null check (primaries > 0),
    secondaries     bigint not null check (secondaries >= 0),
    tertiaries      bigint not null check (tertiaries >= 0),
    per_secondary   int not null check (per_secondary > 0),
    per_tertiary    int not null check (per_tertiary > 0),
    counter_start   bigint not null,
    key_version     int not null,
    requested_by    varchar(32) not null,
    idempotency_key varchar(128),
    created_at      timestamptz not null default now(),
    unique (requested_by, idempotency_key)
);

create index issuance_product_batch on issuance (product_id, batch);
