-- Issue 17: e-mail that arrives. A message the mail server refused, or could not be reached for,
-- is tried again later with exponential backoff (Outbox.Retry), and given up after a bounded
-- number of attempts with its last error kept for the operator; sent_at, once set, is final.
alter table outbox
    add column attempts        int not null default 0,        -- sends tried, failed ones included
    add column next_attempt_at timestamptz,                   -- null: never tried, due now
    add column last_error      text,                          -- why the last attempt failed
    add column failed_at       timestamptz,                   -- given up: no further attempt
    add column notification_id bigint references notification (id);  -- a facility notice e-mailed to an account

drop index outbox_unsent;
create index outbox_due on outbox (next_attempt_at nulls first, id) where sent_at is null and failed_at is null;
create index outbox_failed on outbox (failed_at desc) where failed_at is not null;
-- a facility notification reaches each of its accounts once
create unique index outbox_notification on outbox (notification_id, account_id) where notification_id is not null;

-- Lampiran K.7, L.a.7, L.b.7: notices go "pada dashboard dan email". Notifications written before
-- this migration were on the dashboard only and stay so (emailed = true); every later one is
-- copied into the outbox once, for each account of its facility that has an e-mail address.
alter table notification add column emailed boolean not null default true;
alter table notification alter column emailed set default false;
create index notification_unmailed on notification (id) where not emailed;
