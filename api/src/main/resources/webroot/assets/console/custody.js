// The chain of custody of one code (Lampiran L, Pasal 12-13): its state now and every event that
// moved it, for the NIE holder and the facilities that held it.
import {add, t, onChange} from './i18n.js';
import {call} from './api.js';
import {$, el, show, txt, when, table, problem, checkRequired} from './ui.js';
import {acting} from './console.js';

add({
  custodyHeading: ['Riwayat kode (chain of custody)', 'Chain of custody of a code'], show: ['Tampilkan', 'Show'],
  nowStatus: ['Status sekarang', 'Status now'], holder: ['Pemegang', 'Holder'], counterparty: ['Pihak lawan', 'Counterparty'],
  kindColumn: ['Kegiatan', 'Activity'], occurred: ['Waktu', 'When'], reportedBy: ['Dilaporkan oleh', 'Reported by'],
  lateColumn: ['Terlambat', 'Late'], status: ['Status', 'Status'], yes: ['ya', 'yes'], no: ['tidak', 'no'], viaContainer: ['lewat kemasan induk', 'via its container']
});

let found = null;

function render() {
  if (!found) { return; }
  const [state, custody] = found;
  const now = el('dl', {id: 'code-state'}, el('dt', {}, t('nowStatus')), el('dd', {'data-field': 'status', 'data-status': state.status}, t(state.status)),
    el('dt', {}, t('holder')), el('dd', {'data-field': 'holder'}, txt(state.holder)));
  show($('custody-result'), now, table('custody-table', [['kind', t('kindColumn')], ['occurredAt', t('occurred')],
    ['status', t('status')], ['holder', t('holder')], ['counterparty', t('counterparty')], ['late', t('lateColumn')]], custody.events,
  (k, e) => {
    if (k === 'occurredAt') { return when(e.occurredAt); }
    if (k === 'late') { return t(e.late ? 'yes' : 'no'); }
    return k === 'kind' && e.viaContainer ? txt(e.kind) + ' (' + t('viaContainer') + ')' : txt(e[k]);
  }));
}

async function lookUp(ev) {
  ev.preventDefault();
  const form = $('custody-form');
  if (!checkRequired(form)) { return; }
  const q = '?code=' + encodeURIComponent($('k-code').value.trim()) + '&partnerId=' + encodeURIComponent(acting().partnerId);
  const [state, custody] = await Promise.all([call('/api/v1/codes/state' + q), call('/api/v1/codes/custody' + q)]);
  if (!state.ok || !custody.ok) { found = null; problem($('custody-result'), state.ok ? custody.body : state.body, form); return; }
  found = [state.body, custody.body];
  render();
}

export function mount() {
  found = null;
  onChange(render);
  $('custody-form').addEventListener('submit', lookUp);
}
