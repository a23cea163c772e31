-- Issue 20, Lampiran B: "Permintaan hak akses ditujukan kepada Direktorat Pengawasan produk terkait
-- di BPOM". An access request names the kinds of product the facility makes or handles (Pasal 2(2),
-- registration.product.Category); registration.account.Directorate routes it by them. Requests filed
-- before this column existed name none and stay every directorate's.
alter table facility_request add column commodities text[] not null default '{}';

-- An account's directorates can change (Badan POM's administrator moves an officer). A token names
-- the directorates it was issued with, so a change ends every token issued before it, as a password
-- change does (registration.account.Authenticator).
alter table account add column access_changed_at timestamptz;
