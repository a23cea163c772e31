-- Issue 20, Lampiran A and BPOM Mobile's "berita terkini": short items Badan POM publishes; the
-- public page shows the latest.
create table news (
    id           bigserial primary key,
    title        varchar(200) not null,
    body         varchar(4000) not null,
    published_by int not null,                      -- the regulator's account
    published_at timestamptz not null default now()
);
