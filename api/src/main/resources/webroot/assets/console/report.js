// What a refused report says about each code (422: the receipt's refused codes, each with its
// reason in both languages), for the views that send reports.
import {t, pick} from './i18n.js';
import {el, table} from './ui.js';

/** Appends the refused codes of a 422 report answer to {@code box} as a table (code, reason). */
export function refusals(box, p) {
  const refused = (p.receipt && p.receipt.refused) || p.refused || [];
  if (!refused.length) { return; }
  box.append(table('refused-table', [['code', t('codeLabel')], ['reason', t('reasonColumn')]], refused,
    (k, r) => (k === 'code' ? el('code', {}, String(r.code ?? '')) : pick(r.messages || r.message || r.reason))));
}
