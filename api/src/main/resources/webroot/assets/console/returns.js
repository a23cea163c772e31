// Return decisions (Lampiran K.6-11): the addressee approves or rejects the returned codes, with a
// reason the returning facility is told.
import {add, t, onChange} from './i18n.js';
import {call} from './api.js';
import {$, el, show, checkRequired, fieldError} from './ui.js';
import {acting} from './console.js';
import {reportProblem} from './report.js';
import {RETURN_CODES} from './dashboard.js';

add({
  returnsHeading: ['Keputusan retur (Lampiran K)', 'Return decisions (Lampiran K)'],
  returnsHelp: ['Pindai atau tempel kode barang retur yang diterima, lalu setujui atau tolak.',
    'Scan or paste the codes of the returned goods, then approve or reject them.'],
  codesLabel: ['Kode (satu per baris; pindai atau tempel)', 'Codes (one a line; scan or paste)'], decision: ['Keputusan', 'Decision'],
  approve: ['Setujui', 'Approve'], reject: ['Tolak', 'Reject'], reasonLabel: ['Alasan (wajib untuk penolakan)', 'Reason (required to reject)'],
  decide: ['Kirim keputusan', 'Send the decision'], approved: ['Retur disetujui: {n} kode.', 'Return approved: {n} codes.'],
  rejected: ['Retur ditolak: {n} kode.', 'Return rejected: {n} codes.']
});

let answer = null;

function render() {
  if (answer) { show($('decision-result'), el('p', {class: 'verdict ok', id: 'decided'}, t(answer.approve ? 'approved' : 'rejected', {n: answer.n}))); }
}

async function decide(ev) {
  ev.preventDefault();
  const form = $('decision-form');
  if (!checkRequired(form)) { return; }
  const approve = $('d-approve').checked;
  if (!approve && !$('d-reason').value.trim()) { fieldError($('d-reason'), t('required')); $('d-reason').focus(); return; }
  const codes = $('d-codes').value.split('\n').map((c) => c.trim()).filter((c) => c);
  const body = {partnerId: acting().partnerId, approve, codes};
  if ($('d-reason').value.trim()) { body.reason = $('d-reason').value.trim(); }
  const r = await call('/api/v1/return-decisions', {json: body});
  if (!r.ok) { answer = null; reportProblem($('decision-result'), r.body, form); return; }
  answer = {approve, n: codes.length};
  render();
  form.reset();
}

export function mount() {
  answer = null;
  onChange(render);
  $('decision-form').addEventListener('submit', decide);
  const codes = sessionStorage.getItem(RETURN_CODES); // from the dashboard's "decide the return"
  if (codes) { $('d-codes').value = codes; sessionStorage.removeItem(RETURN_CODES); }
}
