-- Alerts for the regulator (DESIGN.md "Lifecycle": a second sale of one code is a possible clone).
-- A refused report is not journaled, so its alerts are kept here by the sequencer.
create table alert (
    id         bigserial primary key,
    kind       varchar(32) not null,
    facility   int not null,                        -- the reporting facility
    serial     varchar(20),
    message    text not null,
    created_at timestamptz not null default now()
);

create index alert_recent on alert (id desc);
