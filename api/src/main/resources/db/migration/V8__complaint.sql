-- Lampiran M.b: complaints from the public (pengaduan masyarakat). The tracking number is the
-- complainant's only key to the complaint (no login), so it is long and random.
create table complaint (
    id               bigserial primary key,
    tracking_number  varchar(16) not null unique,
    question         text not null,
    product_name     text not null,
    batch            varchar(20),
    nie              varchar(16),
    purchase_place   text not null,
    purchase_address text not null,
    photo            bytea,                       -- JPG or PNG, at most 2 MB, checked by content
    photo_type       varchar(16),
    status           varchar(16) not null default 'RECEIVED',
    answer           text,
    answered_by      int references account (id),
    answered_at      timestamptz,
    created_at       timestamptz not null default now()
);

create index complaint_status on complaint (status, id desc);
create index complaint_nie on complaint (nie, id desc);
