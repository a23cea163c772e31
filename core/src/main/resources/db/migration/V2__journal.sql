-- Facilities that report (Lampiran B): the partner ID (ID rekanan) and what kind of facility it is.
create table facility (
    ref         serial primary key,
    partner_id  varchar(32) not null unique,
    type        varchar(16) not null check (type in ('MANUFACTURER', 'DISTRIBUTOR', 'PHARMACY', 'HOSPITAL', 'CLINIC'))
);

-- Batches as reported, with the recall flag of Lampiran L.a: one flag recalls every code of the batch.
create table batch (
    ref         int primary key,
    product_id  int not null references product (id),
    batch       varchar(20) not null,
    expiry      date not null,
    recalled    boolean not null default false,
    unique (product_id, batch)
);

-- The journal of accepted reports, the system of record the store is a view of: each row holds
-- the report's effects as final values, so replaying it after a crash is always safe.
create table journal (
    seq             bigint primary key,
    kind            varchar(32) not null,
    facility        int not null references facility (ref),
    occurred_at     timestamptz not null,
    received_at     timestamptz not null,
    late            boolean not null,               -- Pasal 12(5), 13(3): reported over 24 hours late
    idempotency_key varchar(128),
    outcome         text not null,                  -- the answer given, returned again for a repeat
    effects         bytea not null,
    unique (facility, idempotency_key)
);
