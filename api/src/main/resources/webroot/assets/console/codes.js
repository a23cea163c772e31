// The manufacturer's codes (Pasal 8-9, Lampiran F, G.b.6): request codes, list the requests, download
// each level's codes, see a request's codes per level and status, and its barcode images (the
// server's default symbology: QR for codes Badan POM issues, Pasal 5(2)).
import {add, t, onChange} from './i18n.js';
import {call, download} from './api.js';
import {$, el, show, txt, when, table, problem, checkRequired} from './ui.js';
import {acting} from './console.js';

add({
  requestHeading: ['Permintaan kode (Pasal 8)', 'Request codes (Article 8)'], nie: ['NIE', 'NIE'],
  batch: ['Nomor bets', 'Batch number'], expiry: ['Tanggal kedaluwarsa', 'Expiry date'],
  productionStart: ['Mulai produksi (Pasal 9, boleh kosong)', 'Production starts (Article 9, optional)'],
  primaries: ['Jumlah kode primer', 'Number of primary codes'], perSecondary: ['Primer per kemasan sekunder', 'Primaries per secondary pack'],
  perTertiary: ['Sekunder per kemasan tersier', 'Secondaries per tertiary pack'], requestButton: ['Minta kode', 'Request codes'],
  requestsHeading: ['Kode yang diterbitkan', 'Issued codes'], manageHeading: ['Manajemen barcode (Lampiran G.b.6)', 'Barcode management (Lampiran G.b.6)'],
  symbology: ['Simbologi', 'Symbology'], symbologyAuto: ['Bawaan (QR untuk kode terbitan Badan POM)', 'Default (QR for codes Badan POM issues)'],
  issued: ['Permintaan {id} diterbitkan: {n} kode primer.', 'Request {id} issued: {n} primary codes.'],
  lateRequest: ['Terlambat: kurang dari 10 hari kerja sebelum produksi (Pasal 9).', 'Late: fewer than 10 working days before production (Article 9).'],
  id: ['No.', 'No.'], counts: ['Primer / sekunder / tersier', 'Primary / secondary / tertiary'], createdAt: ['Diminta', 'Requested'],
  actions: ['Tindakan', 'Actions'], manage: ['Kelola', 'Manage'], PRIMARY: ['Primer', 'Primary'], SECONDARY: ['Sekunder', 'Secondary'],
  TERTIARY: ['Tersier', 'Tertiary'], level: ['Kemasan', 'Packaging'], codeCount: ['Jumlah kode', 'Codes'], status: ['Status', 'Status'], noRequests: ['Belum ada permintaan.', 'No requests yet.'],
  downloadLevel: ['Unduh {level} (CSV)', 'Download {level} (CSV)'], recalledBatch: ['Bets ini ditarik.', 'This batch is recalled.']
});

const LEVELS = ['PRIMARY', 'SECONDARY', 'TERTIARY'];
const SHOWN = 6; // barcode images shown per request
let requests = [];
let managed = null;
let images = [];

const partner = () => 'partnerId=' + encodeURIComponent(acting().partnerId);

function statusText(byStatus) {
  return Object.entries(byStatus || {}).map(([k, n]) => t(k) + ': ' + n).join(', ');
}

function actions(r) {
  const manage = el('button', {type: 'button', class: 'small manage', 'data-id': r.id}, t('manage'));
  manage.addEventListener('click', () => open(r.id));
  return [manage, ...LEVELS.map((level) => {
    const b = el('button', {type: 'button', class: 'small', 'data-level': level}, t('downloadLevel', {level: t(level)}));
    b.addEventListener('click', () => download('/api/v1/code-requests/' + r.id + '/codes?as=csv&level=' + level + '&' + partner(),
      'kode-' + r.batch + '-' + level.toLowerCase() + '.csv'));
    return b;
  })];
}

function render() {
  show($('requests'), requests.length ? table('requests-table', [['id', t('id')], ['nie', t('nie')], ['batch', t('batch')],
    ['expiry', t('expiry')], ['counts', t('counts')], ['createdAt', t('createdAt')], ['actions', t('actions')]], requests, (k, r) => {
    if (k === 'counts') { return r.primaries + ' / ' + r.secondaries + ' / ' + r.tertiaries; }
    if (k === 'createdAt') { return when(r.createdAt); }
    return k === 'actions' ? actions(r) : txt(r[k]);
  }) : el('p', {}, t('noRequests')));
  if (!managed) { return; }
  $('manage').hidden = false;
  show($('manage-status'), el('p', {}, el('strong', {}, managed.nie + ' · ' + t('batch') + ' ' + managed.batch)),
    managed.recalled ? el('p', {class: 'verdict bad'}, t('recalledBatch')) : null,
    table('status-table', [['level', t('level')], ['codes', t('codeCount')], ['byStatus', t('status')]], managed.levels,
      (k, l) => (k === 'level' ? t(l.level) : k === 'byStatus' ? statusText(l.byStatus) : txt(l[k]))));
}

async function load() {
  const r = await call('/api/v1/code-requests?' + partner());
  if (!r.ok) { problem($('requests'), r.body); return; }
  requests = r.body;
  render();
}

/** The first {@code n} primary codes of a request: the listing is streamed, so only its start is read. */
async function firstCodes(id, n) {
  const r = await call('/api/v1/code-requests/' + id + '/codes?level=PRIMARY&' + partner(), {stream: true});
  if (!r.ok) { return []; }
  const reader = r.response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (text.split('\n').length <= n) {
    const {done, value} = await reader.read();
    if (done) { break; }
    text += decoder.decode(value, {stream: true});
  }
  reader.cancel();
  return text.split('\n').filter((c) => c).slice(0, n);
}

async function barcodes() {
  images.forEach((u) => URL.revokeObjectURL(u));
  images = [];
  const symbology = $('symbology').value;
  const codes = await firstCodes(managed.id, SHOWN);
  const figures = await Promise.all(codes.map(async (code) => {
    const q = new URLSearchParams({code, format: 'png', sizeMm: '20', dpi: '150'});
    if (symbology) { q.set('symbology', symbology); }
    const r = await call('/api/v1/barcodes?' + q, {raw: true});
    if (!r.ok) { return el('figure', {}, el('figcaption', {}, code)); }
    const url = URL.createObjectURL(r.body);
    images.push(url);
    return el('figure', {}, el('img', {src: url, alt: code, 'data-symbology': symbology || 'default'}), el('figcaption', {}, el('code', {}, code)));
  }));
  show($('barcodes'), figures);
}

async function open(id) {
  const r = await call('/api/v1/code-requests/' + id + '/status?' + partner());
  if (!r.ok) { problem($('manage-status'), r.body); $('manage').hidden = false; return; }
  managed = r.body;
  render();
  barcodes();
  $('manage').scrollIntoView();
}

async function request(ev) {
  ev.preventDefault();
  const form = $('request-form');
  if (!checkRequired(form)) { return; }
  const body = {partnerId: acting().partnerId};
  new FormData(form).forEach((v, k) => {
    if (v !== '') { body[k] = ['primaries', 'perSecondary', 'perTertiary'].includes(k) ? Number(v) : v.trim(); }
  });
  const r = await call('/api/v1/code-requests', {json: body});
  if (!r.ok) { problem($('request-result'), r.body, form); return; }
  show($('request-result'), el('p', {class: 'verdict ok', id: 'issued', 'data-id': r.body.id}, t('issued', {id: r.body.id, n: r.body.primaries})),
    r.body.late ? el('p', {class: 'verdict warn'}, t('lateRequest')) : null);
  load();
}

export function mount() {
  managed = null;
  onChange(render);
  $('request-form').addEventListener('submit', request);
  $('symbology').addEventListener('change', barcodes);
  load();
}
