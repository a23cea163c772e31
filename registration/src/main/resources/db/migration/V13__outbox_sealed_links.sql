-- Issue 15: one-time links (activation, company revision) are queued with their place-holder
-- '{token}' and a secret that only the server's key turns into the token (LinkSeal); the token
-- itself is in no table. Links queued before this carried the token in clear: those already sent
-- lose it (the mail has it), those unsent keep it until they are.
alter table outbox add column link_secret text;

update outbox set link = regexp_replace(link, '([?&](token|key))=[^&]*', '\1=sent-by-e-mail', 'g')
where sent_at is not null and link ~ '[?&](token|key)=';
