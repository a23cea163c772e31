// The facility dashboard (issue 20): notifications (incoming shipments, returns awaiting a decision,
// recall notices with their letter), each with its codes and their state now (a recall notice's: the
// affected stock held here), and the facility's late reports (Pasal 12(5), 13(3)).
import {add, t, onChange} from './i18n.js';
import {call, download} from './api.js';
import {$, el, show, txt, when, table, problem} from './ui.js';
import {acting} from './console.js';

/** The codes of the return the decision page starts with (sessionStorage, this tab only). */
export const RETURN_CODES = 'lacak.returnCodes';

add({
  noticesTitle: ['Pemberitahuan', 'Notifications'], unreadOnly: ['Hanya yang belum dibaca', 'Unread only'],
  lateTitle: ['Peringatan laporan terlambat', 'Late-report warnings'], markRead: ['Tandai sudah dibaca', 'Mark as read'],
  lateHelp: ['Laporan yang diterima lebih dari 24 jam setelah kegiatannya (Pasal 12 ayat 5, Pasal 13 ayat 3).',
    'Reports received more than 24 hours after their activity (Article 12(5), Article 13(3)).'],
  codes: ['Jumlah kode', 'Codes'],
  reason: ['Alasan', 'Reason'], letterNumber: ['Nomor surat', 'Letter number'], letterDate: ['Tanggal surat', 'Letter date'],
  letter: ['Unduh surat penarikan', 'Download the recall letter'], from: ['dari {partner}', 'from {partner}'],
  decideReturn: ['Putuskan retur', 'Decide the return'],
  batchOf: ['NIE {nie}, bets {batch}', 'NIE {nie}, batch {batch}'],
  kind: ['Jenis laporan', 'Report'], occurredAt: ['Waktu kegiatan', 'Activity at'], receivedAt: ['Diterima', 'Received'],
  minutesLate: ['Terlambat', 'Late by'], lateBy: ['{h} jam {m} menit', '{h} h {m} min'],
  noLate: ['Tidak ada laporan terlambat.', 'No late reports.'], noNotices: ['Tidak ada pemberitahuan.', 'No notifications.'],
  INCOMING_SHIPMENT: ['Kiriman masuk', 'Incoming shipment'],
  RETURN_AWAITING_DECISION: ['Retur menunggu keputusan', 'Return awaiting your decision'],
  RETURN_APPROVED: ['Retur disetujui', 'Return approved'], RETURN_REJECTED: ['Retur ditolak', 'Return rejected'],
  INCOMING_RECALL_SHIPMENT: ['Kiriman penarikan masuk', 'Incoming recall shipment'],
  RECALL_SHIPMENT_RECEIVED: ['Kiriman penarikan diterima', 'Recall shipment received'],
  RECALL_NOTICE: ['Pemberitahuan penarikan', 'Recall notice'],
  noticeCodes: ['Kode', 'Codes'], heldHere: ['Stok terdampak di sarana ini', 'Affected stock held here'],
  status: ['Status sekarang', 'Status now'], noStockHere: ['Tidak ada stok bets ini di sarana ini.', 'No stock of this batch is held here.'],
  moreCodes: ['Tampilkan semua {n} kode', 'Show all {n} codes'], codesOf: ['{shown} dari {n} kode', '{shown} of {n} codes']
});

/** Codes shown with each notice at first; the rest on request (the API gives up to 1,000 at a time). */
const FIRST = 10;
const ALL = 1000;

let notices = [];
let late = [];
const listed = new Map(); // notification id -> {total, codes: [{code, status}]}

function details(n) {
  const d = n.details || {};
  const dl = el('dl', {});
  // a recall notice names a batch, not codes of a report (its count is 0): its count is the stock held here
  if (n.kind !== 'RECALL_NOTICE') { dl.append(el('dt', {}, t('codes')), el('dd', {'data-field': 'codes'}, txt(n.codes))); }
  const l = listed.get(n.id);
  if (n.kind === 'RECALL_NOTICE' && l) { dl.append(el('dt', {}, t('heldHere')), el('dd', {'data-field': 'heldHere'}, txt(l.total))); }
  ['reason', 'letterNumber', 'letterDate'].filter((k) => d[k]).forEach((k) => dl.append(el('dt', {}, t(k)), el('dd', {'data-field': k}, txt(d[k]))));
  return dl;
}

/** The notice's codes with their state now, or what is left to load. */
function codeList(n) {
  const l = listed.get(n.id);
  if (!l) { return null; }
  if (!l.codes.length) { return n.kind === 'RECALL_NOTICE' ? el('p', {class: 'note no-codes'}, t('noStockHere')) : null; }
  const box = el('div', {class: 'notice-codes'},
    el('p', {class: 'note'}, n.kind === 'RECALL_NOTICE' ? t('heldHere') : t('noticeCodes'), ' · ', t('codesOf', {shown: l.codes.length, n: l.total})),
    table('codes-' + n.id, [['code', t('codeLabel')], ['status', t('status')]], l.codes,
      (k, c) => (k === 'code' ? el('code', {}, c.code) : t(c.status))));
  if (l.total > l.codes.length && l.codes.length < ALL) {
    const b = el('button', {type: 'button', class: 'small more-codes'}, t('moreCodes', {n: l.total}));
    b.addEventListener('click', () => loadCodes(n, ALL));
    box.append(b);
  }
  return box;
}

async function fetchCodes(n, limit) {
  const r = await call('/api/v1/notifications/' + n.id + '/codes?limit=' + limit + '&partnerId=' + encodeURIComponent(acting().partnerId));
  if (r.ok) { listed.set(n.id, r.body); }
}

async function loadCodes(n, limit) {
  await fetchCodes(n, limit);
  render();
}

/** What the server's (English) subject names, the partner or the recalled batch, in the page's language. */
function about(n) {
  const from = /\bfrom (\S+)/.exec(n.subject || '');
  const batch = /NIE (\S+), batch (\S+)/.exec(n.subject || '');
  if (from) { return t('from', {partner: from[1]}) + ' · '; }
  return batch ? t('batchOf', {nie: batch[1], batch: batch[2]}) + ' · ' : '';
}

function notice(n) {
  const item = el('li', {class: n.read ? 'notice' : 'notice unread', 'data-kind': n.kind, 'data-id': n.id},
    el('p', {}, el('strong', {class: 'kind'}, t(n.kind)), ' ', about(n), when(n.createdAt)), details(n), codeList(n));
  const letter = n.details && n.details.letter;
  if (letter && letter.href) {
    const b = el('button', {type: 'button', class: 'small letter'}, t('letter'));
    b.addEventListener('click', () => download(letter.href, letter.fileName || 'surat-penarikan.pdf'));
    item.append(b);
  }
  if (n.kind === 'RETURN_AWAITING_DECISION') {
    const a = el('a', {href: '#returns', class: 'button decide'}, t('decideReturn'));
    // the decision page starts with the return's codes (those shown here; the clerk checks the goods)
    a.addEventListener('click', () => { const l = listed.get(n.id); if (l) { sessionStorage.setItem(RETURN_CODES, l.codes.map((c) => c.code).join('\n')); } });
    item.append(a);
  }
  if (!n.read) {
    const b = el('button', {type: 'button', class: 'small mark-read'}, t('markRead'));
    b.addEventListener('click', () => markRead(n));
    item.append(b);
  }
  return item;
}

function render() {
  show($('notifications'), notices.length ? el('ul', {class: 'cards'}, notices.map(notice)) : el('p', {}, t('noNotices')));
  show($('late'), late.length ? table('late-table', [['kind', t('kind')], ['occurredAt', t('occurredAt')],
    ['receivedAt', t('receivedAt')], ['minutesLate', t('minutesLate')]], late, (k, r) => {
    if (k === 'minutesLate') { return t('lateBy', {h: Math.floor(r.minutesLate / 60), m: r.minutesLate % 60}); }
    return k === 'kind' ? txt(r.kind) : when(r[k]);
  }) : el('p', {id: 'no-late'}, t('noLate')));
}

async function load() {
  const f = acting().partnerId;
  const q = '?partnerId=' + encodeURIComponent(f) + ($('unread-only').checked ? '&unread=true' : '');
  const [n, l] = await Promise.all([call('/api/v1/notifications' + q), call('/api/v1/late-reports?partnerId=' + encodeURIComponent(f))]);
  if (!n.ok) { problem($('notifications'), n.body); return; }
  notices = n.body;
  late = l.ok ? l.body : [];
  listed.clear();
  // each notice's first codes, all at once, drawn once with the notices
  await Promise.all(notices.map((x) => fetchCodes(x, FIRST)));
  render();
}

async function markRead(n) {
  const r = await call('/api/v1/notifications/' + n.id + '/read?partnerId=' + encodeURIComponent(acting().partnerId), {method: 'POST'});
  if (r.ok) { n.read = true; render(); } else { problem($('notifications'), r.body); }
}

export function mount() {
  onChange(render);
  $('unread-only').addEventListener('change', load);
  load();
}
