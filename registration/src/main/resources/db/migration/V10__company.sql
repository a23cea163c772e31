-- Seed 002: a company (industri) registers itself for e-Sertifikasi; the regulator validates it,
-- returns it for revision or approves it, which activates the responsible person's account.
create table company (
    id                      bigserial primary key,
    has_nib                 boolean not null,
    nib                     varchar(13),
    commodities             text[] not null,
    legal_entity            varchar(16) not null,
    name                    text not null,          -- without PT, CV, ...
    npwp                    varchar(16) not null,
    industry_status         varchar(16) not null,   -- BUMN, LEMBAGA, PMA, PMDN, LAINNYA
    production_licence_date date,
    business_field          text not null,
    leader                  text not null,
    employees               int not null,
    deed_number             text not null,
    deed_date               date not null,
    notary                  text not null,
    iui_tdp                 text not null,
    active                  boolean not null,       -- status usaha: aktif / tidak aktif
    responsible_name        text not null,
    responsible_email       text not null,
    responsible_phone       varchar(20) not null,
    status                  varchar(16) not null default 'SUBMITTED',
    note                    text,
    revision_token_hash     bytea,                  -- set while RETURNED: the applicant's key to revise
    account_id              int references account (id),
    created_at              timestamptz not null default now()
);
create index company_status on company (status, id desc);
