-- Issue 20, Lampiran B ("Permintaan hak akses ditujukan kepada Direktorat Pengawasan produk terkait
-- di BPOM") and seed 004 ("PILIH DIREKTORAT"): Badan POM's supervision directorates, one per
-- commodity the code base knows (registration.product.Category, the company form's commodities),
-- and the regulator accounts that belong to them. Which commodity goes to which directorate is
-- registration.account.Directorate's rule; this table holds the codes the memberships refer to.
-- In registration's folder, not core's: account_directorate refers to registration's account.
-- On Citus both become reference tables (CitusLayout: every table not sharded).
create table directorate (
    code    varchar(32) primary key,
    name_id text not null,
    name_en text not null
);

insert into directorate (code, name_id, name_en) values
    ('OBAT', 'Direktorat Pengawasan Obat', 'Directorate of Drug Supervision'),
    ('OBAT_TRADISIONAL', 'Direktorat Pengawasan Obat Tradisional', 'Directorate of Traditional Medicine Supervision'),
    ('OBAT_KUASI', 'Direktorat Pengawasan Obat Kuasi', 'Directorate of Quasi-Drug Supervision'),
    ('SUPLEMEN_KESEHATAN', 'Direktorat Pengawasan Suplemen Kesehatan', 'Directorate of Health Supplement Supervision'),
    ('KOSMETIK', 'Direktorat Pengawasan Kosmetik', 'Directorate of Cosmetics Supervision'),
    ('PANGAN_OLAHAN', 'Direktorat Pengawasan Pangan Olahan', 'Directorate of Processed Food Supervision');

-- A regulator account's directorates; none: the account acts for every directorate (Badan POM's
-- administrator, and every regulator account created before directorates existed).
create table account_directorate (
    account_id  int not null references account (id),
    directorate varchar(32) not null references directorate (code),
    primary key (account_id, directorate)
);
