-- CSV uploads (issue 6): one job per file, with its progress and the first 1,000 problems. The same
-- file (content hash) or idempotency key from a facility is one job: it is never applied twice.
-- The job's report carries the idempotency key 'upload-<id>' into the journal, so a job resumed
-- after a crash is applied exactly once.
create table upload (
    id              bigserial primary key,
    facility        int not null references facility (ref),
    template        varchar(32) not null,
    mode            varchar(16) not null,
    sha256          char(64) not null,
    idempotency_key varchar(128),
    bytes           bigint not null,
    occurred_at     timestamptz not null,
    state           varchar(16) not null,
    rows_read       bigint not null default 0,
    rows_accepted   bigint not null default 0,
    problem_count   bigint not null default 0,
    problems        text,
    journal_seq     bigint,
    late            boolean,
    created_at      timestamptz not null default now(),
    finished_at     timestamptz,
    unique (facility, template, mode, sha256),
    unique (facility, idempotency_key)
);

create index upload_unfinished on upload (state) where state in ('QUEUED', 'PARSING', 'APPLYING');
