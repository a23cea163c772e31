-- Issue 4: product registration (seed 000, ASROT) and certification (seed 002, e-Sertifikasi).

-- Payment orders (Surat Perintah Bayar, SPB) with the billing number the bank is paid with. The
-- subject is the workflow it belongs to ('product-application:12', 'certification:3').
create table payment_order (
    id             bigserial primary key,
    billing_number varchar(15) not null unique,
    subject        varchar(48) not null,
    purpose        varchar(32) not null,           -- PRE_REGISTRATION, REGISTRATION, CERTIFICATION
    amount         bigint not null check (amount > 0),   -- rupiah
    issued_at      timestamptz not null default now(),
    paid_at        timestamptz
);
create index payment_order_subject on payment_order (subject, id);

-- Seed 000: a product's way from draft through pre-registration and registration to its NIE.
create table product_application (
    id                      bigserial primary key,
    applicant               int not null references account (id),
    holder                  int not null references facility (ref),   -- the manufacturer that will hold the NIE
    registration_type       varchar(32) not null,  -- OT_LOWRISK, OT_HIGHRISK, OTSK_BAHAN_TERTENTU, OTSK_BAHAN_KOMBINASI
    commodity               varchar(32) not null,
    kbli                    varchar(5) not null,
    business_scale          varchar(8) not null,
    name                    text not null,
    dosage_form             varchar(32) not null,
    packaging               text[] not null,       -- variants, e.g. 'Dus, botol @ 100 ml'
    composition_basis       text,                  -- e.g. 'Tiap ml mengandung'
    composition             jsonb not null,        -- [{description, ingredient, role, amount, unit}]
    claims                  text not null,
    dosage                  text not null,         -- aturan pakai
    warnings                text not null,         -- peringatan / perhatian
    storage                 text not null,         -- cara penyimpanan
    oss_prereg_licence_code text,
    oss_prereg_licence_id   text,
    oss_reg_licence_code    text,
    oss_reg_licence_id      text,
    status                  varchar(32) not null default 'DRAFT',
    note                    text,
    draft_delete_on         date,                  -- a draft not submitted is deleted on this day (5 working days)
    nie                     varchar(16),
    created_at              timestamptz not null default now()
);
create index product_application_status on product_application (status, id desc);
create index product_application_holder on product_application (holder, id desc);
create index product_application_draft on product_application (draft_delete_on) where status = 'DRAFT';

-- NIEs issued by approval: prefix per commodity, two-digit year, this number.
create sequence nie_number;

-- Seed 002 "Profile Perusahaan": a company's plants and the dosage forms each makes, with the
-- production licence a dosage form needs before it can be certified.
create table plant (
    id         serial primary key,
    company_id bigint not null references company (id),
    name       text not null,
    address    text not null,
    created_at timestamptz not null default now()
);
create index plant_company on plant (company_id);

create table plant_dosage_form (
    id                        serial primary key,
    plant_id                  int not null references plant (id),
    dosage_form               varchar(32) not null,
    production_licence_number text,
    production_licence_date   date
);
create index plant_dosage_form_plant on plant_dosage_form (plant_id);

-- Seed 002 "Pengajuan Sertifikasi": application -> SPB -> payment -> inspection -> CAPA -> certificate.
create table certification (
    id                  bigserial primary key,
    company_id          bigint not null references company (id),
    type                varchar(16) not null,      -- CPOTB, CPOB, CPKB, CPBBAOB
    dosage_forms        int[] not null,            -- plant_dosage_form ids
    letter_number       text not null,
    letter_date         date not null,
    rip_approval_number text not null,
    status              varchar(16) not null default 'SUBMITTED',
    note                text,
    certificate_number  varchar(32) unique,
    certified_on        date,
    valid_until         date,
    created_at          timestamptz not null default now()
);
create index certification_company on certification (company_id, id desc);
create index certification_status on certification (status, id desc);

-- Certification documents may be Excel workbooks, whose media types are long.
alter table document alter column media_type type varchar(80);
