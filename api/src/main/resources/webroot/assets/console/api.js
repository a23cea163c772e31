// The consoles' one API client: the same JSON API as every other client, with the login's token
// (kept for this tab only, in sessionStorage). A 401 ends the session and returns to the login page.
const KEY = 'lacak.session';
const DIRECTORATE = 'lacak.directorate';

/** What a regulator of several directorates chooses to act for all of them at once. */
export const ALL_MINE = 'ALL';

/**
 * Lampiran B, seed 004: the directorate a regulator's console acts for: the one chosen (one of the
 * session's), or the only one; null before a person of several has chosen, when they chose all of
 * theirs ({@link ALL_MINE}: the API's own default when a call names none), or with none.
 */
export function actingDirectorate() {
  const s = session();
  const codes = ((s && s.directorates) || []).map((d) => d.code);
  const chosen = sessionStorage.getItem(DIRECTORATE);
  return codes.includes(chosen) ? chosen : codes.length === 1 ? codes[0] : null;
}

/** Whether the console knows what it acts for: a directorate, all of the person's, or the only one. */
export function directorateChosen() {
  return actingDirectorate() !== null || sessionStorage.getItem(DIRECTORATE) === ALL_MINE;
}

export function chooseDirectorate(code) { sessionStorage.setItem(DIRECTORATE, code); }

/** The calls routed by directorate (lists, reads and decisions), which carry it as ?directorate=. */
const ROUTED = new RegExp('^/api/v1/(' +
  '(companies|product-applications|certifications|facility-requests)(\\?|/\\d+/(decision|actions)$|$)' +
  '|facility-requests/\\d+$|complaints(\\?|/[^/?]+/answer$|$)|payments$)');

/** The logged-in person: {token, username, regulator, facilities: [partnerId...], directorates: [{code, nameId, nameEn}...]}, or null. */
export function session() {
  try { return JSON.parse(sessionStorage.getItem(KEY)); } catch (e) { return null; }
}

export function saveSession(s) { sessionStorage.setItem(KEY, JSON.stringify(s)); }

export function logout() {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(DIRECTORATE);
  window.location.assign('/console/');
}

/**
 * Calls the API: {@code options.json} is sent as JSON, {@code options.form} (FormData) as multipart,
 * {@code options.body} as is. Resolves {ok, status, body, response}; a failure's body is the
 * problem document (RFC 9457) with {@code status} and {@code retryAfter} set, never a throw;
 * {@code options.stream}: a success's body is left unread, for the caller to read from {@code response}.
 */
export async function call(path, options = {}) {
  const headers = Object.assign({}, options.headers);
  const s = session();
  if (s && s.token) { headers.Authorization = 'Bearer ' + s.token; }
  const directorate = s && s.regulator && ROUTED.test(path) ? actingDirectorate() : null;
  if (directorate) { path += (path.includes('?') ? '&' : '?') + 'directorate=' + encodeURIComponent(directorate); }
  let body = options.body;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    body = options.form;
  }
  let res;
  try {
    res = await fetch(path, {method: options.method || (body ? 'POST' : 'GET'), headers, body});
  } catch (e) {
    return {ok: false, status: 0, body: {status: 0}};
  }
  if (res.status === 401 && s && !options.noRedirect) { logout(); }
  const type = res.headers.get('content-type') || '';
  let out = null;
  if (options.stream && res.ok) {
    return {ok: true, status: res.status, body: null, response: res}; // the caller reads res.body
  }
  if (options.raw) {
    out = res.ok ? await res.blob() : null;
  } else if (type.includes('json')) {
    try { out = await res.json(); } catch (e) { out = null; }
  } else {
    out = await res.text();
  }
  if (!res.ok) {
    out = out && typeof out === 'object' && !(out instanceof Blob) ? out : {};
    out.status = res.status;
    out.retryAfter = parseInt(res.headers.get('Retry-After'), 10) || null;
  }
  return {ok: res.ok, status: res.status, body: out, response: res};
}

/** Saves what {@code path} answers as a file named {@code name} (downloads that need the token). */
export async function download(path, name) {
  const r = await call(path, {raw: true});
  if (!r.ok) { return r; }
  const url = URL.createObjectURL(r.body);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return r;
}
