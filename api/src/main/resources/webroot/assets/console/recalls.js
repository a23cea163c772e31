// A recall with its letter (Lampiran L.a): the NIE holder recalls a batch, the notice reaches every
// facility in its distribution path, and the page then shows how far the recall has got.
import {add, t, onChange} from './i18n.js';
import {call} from './api.js';
import {$, el, show, txt, problem, checkRequired} from './ui.js';
import {acting} from './console.js';

add({
  recallHeading: ['Penarikan bets (Lampiran L)', 'Recall a batch (Lampiran L)'], reason: ['Alasan', 'Reason'],
  letterNumber: ['Nomor surat', 'Letter number'], letterDate: ['Tanggal surat', 'Letter date'],
  letterFile: ['Surat penarikan (PDF, maks. 2 MB)', 'Recall letter (PDF, at most 2 MB)'], recallButton: ['Tarik bets', 'Recall the batch'],
  recalledNow: ['Bets {batch} ditarik. Pemberitahuan dikirim ke semua sarana dalam jalur distribusinya.',
    'Batch {batch} is recalled. Every facility in its distribution path is notified.'],
  atNotice: ['Beredar saat pemberitahuan', 'In circulation at the notice'], returned: ['Sudah kembali', 'Returned'],
  onTheWayBack: ['Dalam perjalanan kembali', 'On the way back'], outstanding: ['Belum kembali', 'Outstanding'],
  returnedShare: ['Efektivitas penarikan', 'Recall effectiveness']
});

let recall = null;

function units(v) { return v && typeof v === 'object' ? txt(v.units) : txt(v); }

function render() {
  if (!recall) { return; }
  const dl = el('dl', {id: 'effectiveness'});
  ['atNotice', 'returned', 'onTheWayBack', 'outstanding'].forEach((k) => dl.append(el('dt', {}, t(k)), el('dd', {'data-field': k}, units(recall[k]))));
  const share = typeof recall.returnedShare === 'number' ? Math.round(recall.returnedShare * 100) + ' %' : txt(recall.returnedShare);
  dl.append(el('dt', {}, t('returnedShare')), el('dd', {'data-field': 'returnedShare'}, share));
  show($('recall-result'), el('p', {class: 'verdict ok', id: 'recalled'}, t('recalledNow', {batch: recall.batch})), dl);
}

async function submit(ev) {
  ev.preventDefault();
  const form = $('recall-form');
  if (!checkRequired(form)) { return; }
  const data = new FormData(form);
  data.append('partnerId', acting().partnerId);
  const r = await call('/api/v1/recall-letters', {form: data});
  if (!r.ok) { problem($('recall-result'), r.body, form); return; }
  const nie = encodeURIComponent(data.get('nie').trim());
  const e = await call('/api/v1/recalls/' + nie + '/' + encodeURIComponent(data.get('batch').trim()));
  recall = Object.assign({batch: data.get('batch')}, e.ok ? e.body : {});
  render();
}

export function mount() {
  recall = null;
  onChange(render);
  $('recall-form').addEventListener('submit', submit);
}
