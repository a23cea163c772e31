-- The regulator's view (issue 17 §5). Alerts become cases: a state (OPEN, INVESTIGATING, CLOSED)
-- and a history of notes, each with its author and the state it left the case in.
alter table alert add column state varchar(16) not null default 'OPEN';
create index alert_by_state on alert (state, id desc);

create table alert_note (
    id       bigserial primary key,
    alert_id bigint not null references alert (id),
    at       timestamptz not null default now(),
    author   text not null,                          -- the regulator's username
    state    varchar(16) not null,                   -- the case's state after the note
    note     text not null
);
create index alert_note_history on alert_note (alert_id, id);

-- Pasal 12(5), 13(3): late reports, newest first, without reading the whole journal
create index journal_late on journal (seq desc) where late;

-- Lampiran L: recall notices, found without reading the whole journal (recall effectiveness)
create index journal_recalls on journal (seq desc) where kind = 'RECALL_NOTICE';
