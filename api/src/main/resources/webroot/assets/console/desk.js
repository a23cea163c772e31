// The regulator's desk, supervision (issue 20): alerts as cases, recalls with their effectiveness,
// late reports (Pasal 12(5), 13(3)) and late code requests (Pasal 9), read from the regulator's
// endpoints, and the news the public page shows. The queues with their decisions are queues.js.
import {add, t, onChange} from './i18n.js';
import {call} from './api.js';
import {$, el, show, txt, when, table, problem, checkRequired} from './ui.js';

add({
  deskAlerts: ['Peringatan sebagai kasus', 'Alerts as cases'], deskRecalls: ['Penarikan dan efektivitasnya', 'Recalls and their effectiveness'],
  deskLate: ['Laporan terlambat (Pasal 12 ayat 5, Pasal 13 ayat 3)', 'Late reports (Article 12(5), 13(3))'],
  deskLateRequests: ['Permintaan kode terlambat (Pasal 9)', 'Late code requests (Article 9)'],
  partner: ['Sarana', 'Facility'], alertKind: ['Jenis', 'Kind'], state: ['Keadaan', 'State'], attempts: ['Percobaan', 'Attempts'],
  lastAt: ['Terakhir', 'Last'], nieBatch: ['NIE / bets', 'NIE / batch'], units: ['Beredar saat pemberitahuan', 'At the notice'],
  returnedUnits: ['Kembali', 'Returned'], share: ['Efektivitas', 'Effectiveness'], kind: ['Jenis laporan', 'Report'],
  occurredAt: ['Waktu kegiatan', 'Activity at'], lateBy: ['Terlambat (menit)', 'Late (minutes)'],
  requester: ['Peminta', 'Requester'], start: ['Mulai produksi', 'Production starts'], workingDays: ['Hari kerja', 'Working days'],
  deskNews: ['Berita untuk publik', 'News for the public'], newsTitleLabel: ['Judul', 'Title'], newsBody: ['Isi', 'Text'],
  publish: ['Terbitkan', 'Publish'], publishedAt: ['Terbit', 'Published'],
  empty: ['Tidak ada.', 'None.'], OPEN: ['terbuka', 'open'], INVESTIGATING: ['diselidiki', 'investigating'], CLOSED: ['ditutup', 'closed']
});

let data = null;

function section(box, id, rows, columns, cell) {
  if (rows instanceof Error || !Array.isArray(rows)) { problem($(box), rows || {}); return; }
  show($(box), rows.length ? table(id, columns, rows, cell) : el('p', {}, t('empty')));
}

function render() {
  if (!data) { return; }
  const [news, alerts, recalls, late, requests] = data;
  section('d-news', 'news-table', news, [['title', t('newsTitleLabel')], ['publishedAt', t('publishedAt')]],
    (k, n) => (k === 'publishedAt' ? when(n.publishedAt) : txt(n[k])));
  section('d-alerts', 'alerts-table', alerts, [['kind', t('alertKind')], ['partnerId', t('partner')], ['state', t('state')],
    ['attempts', t('attempts')], ['lastAt', t('lastAt')]], (k, a) => (k === 'state' ? t(a.state) : k === 'lastAt' ? when(a.lastAt) : txt(a[k])));
  section('d-recalls', 'recalls-table', recalls, [['nie', t('nieBatch')], ['units', t('units')], ['returned', t('returnedUnits')],
    ['returnedShare', t('share')]], (k, r) => {
    if (k === 'nie') { return r.nie + ' / ' + r.batch; }
    if (k === 'units') { return txt(r.atNotice && r.atNotice.units); }
    return k === 'returnedShare' ? Math.round(r.returnedShare * 100) + ' %' : txt(r[k]);
  });
  section('d-late', 'desk-late-table', late, [['partnerId', t('partner')], ['kind', t('kind')], ['occurredAt', t('occurredAt')],
    ['minutesLate', t('lateBy')]], (k, r) => (k === 'occurredAt' ? when(r.occurredAt) : txt(r[k])));
  section('d-late-requests', 'late-requests-table', requests, [['requestedBy', t('requester')], ['nie', t('nieBatch')],
    ['productionStart', t('start')], ['noticeWorkingDays', t('workingDays')]], (k, r) => (k === 'nie' ? r.nie + ' / ' + r.batch : txt(r[k])));
}

async function publish(ev) {
  ev.preventDefault();
  const form = $('news-form');
  if (!checkRequired(form)) { return; }
  const r = await call('/api/v1/news', {json: {title: $('n-title').value.trim(), body: $('n-body').value.trim()}});
  if (!r.ok) { problem($('d-news'), r.body, form); return; }
  form.reset();
  load();
}

async function load() {
  const answers = await Promise.all(['/api/v1/news?limit=10', '/api/v1/alerts', '/api/v1/recalls', '/api/v1/late-reports', '/api/v1/late-code-requests'].map((path) => call(path)));
  data = answers.map((r) => r.body); // a refusal's problem document is shown in its section
  render();
}

export function mount() {
  data = null;
  onChange(render);
  $('news-form').addEventListener('submit', publish);
  load();
}
