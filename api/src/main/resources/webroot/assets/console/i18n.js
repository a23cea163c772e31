// The consoles' one language module: Bahasa Indonesia first, English on request (the choice is the
// public page's, kept in localStorage under the same key). Each text is a pair [Indonesian, English],
// so neither can be forgotten; each view adds its own with add().
const TEXT = {};
let lang = localStorage.getItem('lacak.lang') === 'en' ? 'en' : 'id';
let redraw = null;

add({
  lang: ['English', 'Bahasa Indonesia'], logout: ['Keluar', 'Log out'], busy: ['Memproses…', 'Working…'],
  failed: ['Permintaan gagal. Coba lagi.', 'The request failed. Try again.'],
  refused: ['Permintaan ditolak.', 'The request was refused.'], facility: ['Sarana', 'Facility'],
  required: ['wajib diisi', 'required'], forbidden: ['Anda tidak berhak melakukan ini.', 'You may not do this.'],
  notFound: ['Tidak ditemukan.', 'Not found.'], codeLabel: ['Kode', 'Code'], reasonColumn: ['Alasan', 'Reason'], serverFault: ['Terjadi kesalahan pada server.', 'The server failed.'],
  // a code's status (core.store.CodeStatus), and never reported
  NOT_REPORTED: ['belum dilaporkan', 'not reported'], ACTIVE: ['aktif', 'active'], REJECTED: ['reject', 'rejected'],
  RETAINED_SAMPLE: ['sampel pertinggal', 'retained sample'], IN_TRANSIT: ['dalam pengiriman', 'in transit'],
  HELD: ['di sarana', 'held'], RETURN_PENDING: ['retur menunggu keputusan', 'return pending'], SOLD: ['terjual', 'sold'],
  RECALL_IN_TRANSIT: ['penarikan dalam pengiriman', 'recall in transit'], RECALL_RECEIVED: ['penarikan diterima', 'recall received'],
  rateLimited: ['Terlalu banyak percobaan. Coba lagi dalam {s} detik.', 'Too many attempts. Try again in {s} seconds.']
});

/** Adds texts: {key: ['Indonesian', 'English']}. */
export function add(texts) { Object.assign(TEXT, texts); }

export function current() { return lang; }

/** The text of {@code key} in the page's language, {name} placeholders filled from {@code values}. */
export function t(key, values) {
  const pair = TEXT[key];
  const s = pair ? pair[lang === 'id' ? 0 : 1] : key;
  return Object.entries(values || {}).reduce((out, [k, v]) => out.replaceAll('{' + k + '}', String(v)), s);
}

/** Whether {@code key} has a text (a server's code the page can read in Indonesian). */
export function has(key) { return Object.prototype.hasOwnProperty.call(TEXT, key); }

/**
 * A server message in the page's language: {id, en} objects, and "Indonesian / English" strings
 * (the server's bilingual messages), split at their first " / ".
 */
export function pick(message) {
  if (message === null || message === undefined) { return ''; }
  if (typeof message === 'object') { return String(message[lang] ?? message.id ?? ''); }
  const s = String(message);
  const at = s.indexOf(' / ');
  if (at < 0) { return s; }
  return lang === 'id' ? s.slice(0, at) : s.slice(at + 3);
}

/** Fills every [data-i18n] text and [data-i18n-label] aria-label, then lets the view redraw what it rendered. */
export function apply() {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach((n) => { n.textContent = t(n.dataset.i18n); });
  document.querySelectorAll('[data-i18n-label]').forEach((n) => { n.setAttribute('aria-label', t(n.dataset.i18nLabel)); });
  if (redraw) { redraw(lang); }
}

/** What the current view redraws when the language changes (one view at a time). */
export function onChange(fn) { redraw = fn; }

/** The language switch: a button that toggles and remembers the choice. */
export function bindSwitch(button) {
  button.dataset.i18n = 'lang';
  button.addEventListener('click', () => {
    lang = lang === 'id' ? 'en' : 'id';
    localStorage.setItem('lacak.lang', lang);
    apply();
  });
}
