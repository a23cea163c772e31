// What a refused report says about each code (422: the receipt's refused codes, each with its
// reason in both languages), for the views that send reports.
import {t, pick} from './i18n.js';
import {el, table, problem} from './ui.js';

/** Appends the refused codes of a 422 report answer to {@code box} as a table (code, reason). */
export function refusals(box, p) {
  const refused = (p.receipt && p.receipt.refused) || p.refused || [];
  if (!refused.length) { return; }
  box.append(table('refused-table', [['code', t('codeLabel')], ['reason', t('reasonColumn')]], refused,
    (k, r) => (k === 'code' ? el('code', {}, String(r.code ?? '')) : pick(r.messages || r.message || r.reason))));
}

/**
 * Shows a refused report in {@code box}: its headline, then its refused codes as one table with their
 * reasons in the page's language (the problem's per-item list says the same in English only, so it
 * is left out when the table is there); any other problem as {@link problem} shows it.
 */
export function reportProblem(box, p, form) {
  const refused = (p.receipt && p.receipt.refused) || p.refused || [];
  problem(box, refused.length ? Object.assign({}, p, {errors: []}) : p, form);
  refusals(box, p);
}
