// Bulk upload (Lampiran G.4.b, H.c.4, I.c.4, J.c.4; "Bulk Upload Barcode"): every template, its
// download, a progress bar from the job's state and rows, then the row problems as a table.
import {add, t, pick, onChange} from './i18n.js';
import {call} from './api.js';
import {$, el, show, txt, table, problem, checkRequired} from './ui.js';
import {acting} from './console.js';

const TEMPLATES = ['usage', 'shipment', 'receipt', 'sale', 'return', 'recall-shipment'];
const FINISHED = ['DONE', 'REFUSED', 'FAILED'];

add({
  uploadHeading: ['Unggah massal (bulk upload)', 'Bulk upload'], template: ['Templat', 'Template'],
  templateDownload: ['Unduh templat (CSV)', 'Download the template (CSV)'], file: ['Berkas CSV', 'CSV file'],
  uploadButton: ['Unggah', 'Upload'], jobHeading: ['Proses unggahan', 'Upload progress'], progress: ['Kemajuan', 'Progress'],
  partial: ['Terapkan baris yang benar saja (baris yang salah dicantumkan)', 'Apply the good rows only (the bad ones are listed)'],
  usage: ['Penggunaan kode (Lampiran G)', 'Code usage (Lampiran G)'], shipment: ['Pengiriman (Lampiran H)', 'Shipment (Lampiran H)'],
  receipt: ['Penerimaan (Lampiran I)', 'Receipt (Lampiran I)'], sale: ['Penjualan / penyerahan (Lampiran J)', 'Sale / dispensing (Lampiran J)'],
  return: ['Retur (Lampiran K)', 'Return (Lampiran K)'], 'recall-shipment': ['Pengiriman penarikan (Lampiran L)', 'Recall shipment (Lampiran L)'],
  QUEUED: ['Menunggu giliran', 'Queued'], PARSING: ['Membaca berkas', 'Reading the file'],
  APPLYING: ['Menerapkan laporan', 'Applying the report'], DONE: ['Selesai', 'Done'], REFUSED: ['Ditolak', 'Refused'],
  FAILED: ['Gagal (kesalahan server; unggah lagi untuk mencoba ulang)', 'Failed (a server fault; upload again to retry)'],
  jobLine: ['{state}: {rows} baris dibaca, {accepted} diterima, {problems} masalah.', '{state}: {rows} rows read, {accepted} accepted, {problems} problems.'],
  late: ['Laporan ini terlambat (Pasal 12 ayat 5).', 'This report is late (Article 12(5)).'],
  line: ['Baris', 'Line'], column: ['Kolom', 'Column'], message: ['Pesan', 'Message'],
  more: ['Ditampilkan {shown} dari {count} masalah.', 'Showing {shown} of {count} problems.']
});

let job = null;

// A problem says itself in both languages (messages {id, en}); one stored without them shows its English.
function problemMessage(p) {
  return p.messages ? pick(p.messages) : pick(p.message);
}

function render() {
  $('template').replaceChildren(...TEMPLATES.map((k) => el('option', {value: k}, t(k))));
  $('template').value = sessionStorage.getItem('lacak.template') || 'usage';
  $('template-link').href = '/api/v1/templates/' + $('template').value;
  $('template-link').setAttribute('download', $('template').value + '.csv');
  if (!job) { return; }
  $('job').hidden = false;
  $('upload-progress').value = job.percent || 0;
  $('upload-progress').dataset.state = job.state;
  show($('job-status'), el('span', {class: 'verdict ' + (job.state === 'DONE' ? 'ok' : FINISHED.includes(job.state) ? 'bad' : 'warn'),
    id: 'job-state', 'data-state': job.state}, t('jobLine', {state: t(job.state), rows: job.rowsRead ?? 0,
    accepted: job.rowsAccepted ?? 0, problems: job.problemCount ?? 0})), job.late ? el('p', {}, t('late')) : null);
  const list = job.problems || [];
  show($('problems'), list.length ? table('problem-table', [['line', t('line')], ['column', t('column')], ['message', t('message')]], list,
    (k, p) => (k === 'message' ? problemMessage(p) : txt(p[k]))) : null,
  list.length && job.problemCount > list.length ? el('p', {}, t('more', {shown: list.length, count: job.problemCount})) : null);
}

async function poll(id) {
  const r = await call('/api/v1/uploads/' + id);
  if (!r.ok) { problem($('job-status'), r.body); return; }
  job = r.body;
  render();
  if (!FINISHED.includes(job.state)) { setTimeout(() => poll(id), 400); }
}

async function upload(ev) {
  ev.preventDefault();
  const form = $('upload-form');
  if (!checkRequired(form)) { return; }
  const data = new FormData();
  data.append('file', $('file').files[0]);
  const q = new URLSearchParams({partnerId: acting().partnerId});
  if ($('partial').checked) { q.set('mode', 'partial'); }
  $('job').hidden = false;
  job = {state: 'QUEUED', percent: 0};
  render();
  const r = await call('/api/v1/uploads/' + $('template').value + '?' + q, {form: data});
  if (!r.ok) { job = null; problem($('job-status'), r.body, form); return; }
  job = r.body;
  render();
  poll(job.id);
}

export function mount() {
  job = null;
  onChange(render);
  $('template').addEventListener('change', () => { sessionStorage.setItem('lacak.template', $('template').value); render(); });
  $('upload-form').addEventListener('submit', upload);
  render();
}
