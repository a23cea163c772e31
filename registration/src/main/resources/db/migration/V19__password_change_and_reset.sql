-- Issue 17 §4, seed 004 ("Ubah Password", "Lupa Password"): a person changes their password, or
-- resets a forgotten one by a one-time link sent to the account's e-mail address.

-- When the password last changed: login tokens issued before it no longer authenticate (other
-- sessions end with a change or a reset). Null: never changed since the account was activated.
alter table account add column password_changed_at timestamptz;

-- One-time reset links, kept like activation links (LinkSeal): the SHA-256 of a random secret; the
-- token the link carries is the secret with its HMAC, rendered only in the mail. A link opens once
-- (used_at), until expires_at, and a newer link (or a change of password) voids older ones (voided_at).
create table password_reset (
    token_hash bytea primary key,
    account_id int not null references account (id),
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz,
    voided_at  timestamptz
);
create index password_reset_open on password_reset (account_id) where used_at is null and voided_at is null;
