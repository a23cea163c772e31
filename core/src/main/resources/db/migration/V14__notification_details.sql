-- What the notified facility must see of the report behind a notification (issue 17): a recall
-- notice's reason, letter number and date (Lampiran L.a), a return's reason (Lampiran K), a return
-- decision's reason (K.9b). A copy of journal.details, as JSON; null when the report said nothing more.
alter table notification add column details text;
