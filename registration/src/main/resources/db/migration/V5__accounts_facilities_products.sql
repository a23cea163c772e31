-- Migration versions are one sequence across modules (core V1-V4, registration from V5): Flyway reads
-- classpath:db/migration of every module on the classpath.

-- Lampiran B: what a facility access request records, beside core's partner ID and type.
alter table facility
    add column name               text,
    add column address            text,
    add column npwp               varchar(16),
    add column responsible_person text,
    add column phone              varchar(20),
    add column email              text,
    add column created_at         timestamptz not null default now();

-- Seed 004: one account per person and one login for every module; roles per facility through
-- account_facility, the regulator (Badan POM) flag for the authority's staff.
create table account (
    id            serial primary key,
    username      varchar(64) not null unique,
    password_hash text not null,                    -- pbkdf2-sha256$iterations$salt$hash
    full_name     text not null,
    email         text,
    regulator     boolean not null default false,
    active        boolean not null default true,
    created_at    timestamptz not null default now()
);

create table account_facility (
    account_id int not null references account (id),
    facility   int not null references facility (ref),
    primary key (account_id, facility)
);

-- Machine clients: keys bound to one facility, shown once, stored as SHA-256 (a key is 256 random
-- bits, so a slow hash would add nothing but latency on every request), revocable.
create table api_key (
    id         serial primary key,
    facility   int not null references facility (ref),
    key_hash   bytea not null unique,
    label      text not null,
    created_by int references account (id),
    created_at timestamptz not null default now(),
    revoked_at timestamptz
);

-- Products as registered (seed 000, Pasal 3): what verification shows (Pasal 25) and what decides
-- the 2D method. The NIE holder is a facility by partner ID (product.holder).
alter table product
    add column commodity   varchar(32),
    add column drug_class  varchar(32),
    add column dosage_form text,
    add column packaging   text,
    add column created_at  timestamptz not null default now();
