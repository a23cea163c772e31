-- Issue 4: what registration workflows need beside accounts and facilities.

-- Notifications to people (seed 002: "pemberitahuan via email penanggung jawab"): an outbox per
-- recipient account or e-mail address, shown on the account's feed and handed to the e-mail
-- adapter (sent_at set once delivered).
create table outbox (
    id         bigserial primary key,
    account_id int references account (id),
    email      text,
    subject    text not null,
    body       text not null,
    link       text,
    read_at    timestamptz,
    sent_at    timestamptz,
    created_at timestamptz not null default now(),
    check (account_id is not null or email is not null)
);
create index outbox_unsent on outbox (id) where sent_at is null;
create index outbox_account on outbox (account_id, id desc);

-- Supporting documents (seed 002, Lampiran B.7): JPG, JPEG, PNG or PDF, at most 2 MB, by content.
create table document (
    id         bigserial primary key,
    owner      varchar(48) not null,              -- e.g. 'facility-request:12'
    kind       varchar(48) not null,              -- what the document is (SIUP, NIB, ...)
    file_name  text,
    media_type varchar(32) not null,
    size       int not null,
    content    bytea not null,
    created_at timestamptz not null default now()
);
create index document_owner on document (owner);

-- Lampiran B: a facility's request for access (hak akses) to track and trace.
create table facility_request (
    id                 bigserial primary key,
    type               varchar(16) not null,      -- the facility type asked for
    name               text not null,             -- per SIUP, API or NIB (B.1)
    address            text not null,             -- per SIUP, API or NIB (B.2)
    npwp               varchar(16) not null,      -- B.3
    nib                varchar(13),
    responsible_person text not null,             -- B.4
    phone              varchar(20) not null,      -- B.5
    email              text not null,             -- B.6
    status             varchar(16) not null default 'SUBMITTED',
    note               text,
    partner_id         varchar(32),               -- assigned on approval (ID rekanan)
    created_at         timestamptz not null default now()
);
create index facility_request_status on facility_request (status, id desc);

-- Every transition of a workflow, with its actor and time (issue 4).
create table workflow_event (
    id       bigserial primary key,
    subject  varchar(48) not null,                -- e.g. 'facility-request:12'
    status   varchar(32) not null,
    actor    int references account (id),         -- null: the public applicant
    note     text,
    at       timestamptz not null default now()
);
create index workflow_event_subject on workflow_event (subject, id);

-- An account created by an approval is activated by its holder: a one-time link (its token kept
-- as SHA-256) sets the first password, so no password ever travels by e-mail or sits in the outbox.
create table account_activation (
    token_hash bytea primary key,
    account_id int not null references account (id),
    expires_at timestamptz not null,
    used_at    timestamptz
);
