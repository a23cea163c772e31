// The consoles' shared view helpers: elements built as text (server values never become HTML),
// problem documents shown next to their fields, and tables.
import {t, pick, current} from './i18n.js';

export const $ = (id) => document.getElementById(id);

/** A server value as text: a dash when missing, never "null". */
export const txt = (v) => (v === null || v === undefined || v === '' ? '—' : String(v));

export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => { if (v !== null && v !== undefined && v !== false) { e.setAttribute(k, v); } });
  children.flat().filter((c) => c !== null && c !== undefined && c !== false).forEach((c) => e.append(c));
  return e;
}

export function show(box, ...content) {
  box.replaceChildren(...content.flat().filter((c) => c !== null && c !== undefined));
  box.hidden = false;
}

/** A date-time in the page's language, in Jakarta time (the regulation's clock). */
export function when(iso) {
  if (!iso) { return '—'; }
  const d = new Date(iso);
  return isNaN(d) ? String(iso) : d.toLocaleString(current() === 'id' ? 'id-ID' : 'en-GB', {timeZone: 'Asia/Jakarta'});
}

/** A table: {@code columns} of [key, label], {@code rows} of objects; {@code cell} renders a value. */
export function table(id, columns, rows, cell) {
  const head = el('tr', {}, columns.map(([, label]) => el('th', {scope: 'col'}, label)));
  const body = rows.map((r) => el('tr', {}, columns.map(([k]) => el('td', {'data-col': k}, cell ? cell(k, r) : txt(r[k])))));
  return el('div', {class: 'scroll'}, el('table', {id}, el('thead', {}, head), el('tbody', {}, body)));
}

/** The headline of a problem document in the page's language. */
export function headline(p) {
  if (!p || !p.status) { return t('failed'); }
  if (p.status === 429) { return t('rateLimited', {s: p.retryAfter || 1}); }
  if (p.status === 403) { return p.detail ? pick(p.detail) : t('forbidden'); }
  if (p.status === 404) { return p.detail ? pick(p.detail) : t('notFound'); }
  if (p.status >= 500) { return t('serverFault'); }
  return p.detail ? pick(p.detail) : t('refused');
}

/**
 * Shows a problem: each item with a field of {@code form} next to that field (its error element,
 * linked by aria-describedby, the field marked aria-invalid), the rest and the headline in {@code box}.
 */
export function problem(box, p, form) {
  clearErrors(form);
  const rest = el('ul', {class: 'errors'});
  (p.errors || []).forEach((e) => {
    const field = form && e.field ? form.querySelector('[name="' + CSS.escape(e.field) + '"]') : null;
    const message = pick(e.message) || e.code;
    if (field) {
      fieldError(field, message);
    } else {
      rest.append(el('li', {'data-code': e.code}, (e.field ? e.field + ': ' : '') + message));
    }
  });
  show(box, el('p', {class: 'verdict bad', role: 'alert', 'data-status': p.status, 'data-code': p.code || ''}, headline(p)),
    rest.childElementCount ? rest : null);
}

export function fieldError(field, message) {
  const id = field.id + '-error';
  let note = document.getElementById(id);
  if (!note) {
    note = el('span', {id, class: 'field-error'});
    field.insertAdjacentElement('afterend', note);
  }
  note.textContent = message;
  field.setAttribute('aria-invalid', 'true');
  field.setAttribute('aria-describedby', id);
}

export function clearErrors(form) {
  if (!form) { return; }
  form.querySelectorAll('.field-error').forEach((n) => n.remove());
  form.querySelectorAll('[aria-invalid]').forEach((n) => { n.removeAttribute('aria-invalid'); n.removeAttribute('aria-describedby'); });
}

/** Required fields left empty, marked next to themselves before anything is sent; true when none. */
export function checkRequired(form) {
  clearErrors(form);
  const empty = [...form.querySelectorAll('[required]')].filter((f) => (f.type === 'file' ? !f.files.length : !f.value.trim()));
  empty.forEach((f) => fieldError(f, t('required')));
  if (empty.length) { empty[0].focus(); }
  return empty.length === 0;
}

