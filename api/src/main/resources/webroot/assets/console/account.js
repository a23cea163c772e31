// The person's account (seed 004, issue 17 §4) and the facility's API keys: change the password (the
// session goes on with the new token), create a key (shown once) and revoke one.
import {add, t} from './i18n.js';
import {call, session, saveSession} from './api.js';
import {$, el, show, problem, checkRequired} from './ui.js';
import {acting} from './console.js';

add({
  passwordHeading: ['Ganti kata sandi', 'Change the password'], currentPassword: ['Kata sandi sekarang', 'Current password'],
  newPassword: ['Kata sandi baru', 'New password'], changePassword: ['Ganti kata sandi', 'Change the password'],
  passwordChanged: ['Kata sandi diganti. Sesi lain yang masih masuk diakhiri.', 'Password changed. Other sessions are logged out.'],
  keysHeading: ['Kunci API sarana', "The facility's API keys"], keyLabel: ['Nama kunci (mis. sistem gudang)', 'Key name (e.g. warehouse system)'],
  createKey: ['Buat kunci', 'Create a key'], revokeLabel: ['Nomor kunci yang dicabut', 'Number of the key to revoke'],
  revoke: ['Cabut kunci', 'Revoke the key'], revoked: ['Kunci {id} dicabut.', 'Key {id} revoked.'],
  keyShown: ['Kunci {id} ({label}). Simpan sekarang: Lacak hanya menyimpan sidiknya dan tidak dapat menampilkannya lagi.',
    'Key {id} ({label}). Store it now: Lacak keeps only its hash and cannot show it again.']
});

async function changePassword(ev) {
  ev.preventDefault();
  const form = $('password-form');
  if (!checkRequired(form)) { return; }
  const r = await call('/api/v1/me/password', {json: {currentPassword: $('p-current').value, newPassword: $('p-new').value}, noRedirect: true});
  if (!r.ok) { problem($('password-result'), r.body, form); return; }
  saveSession(Object.assign(session(), {token: r.body.token}));
  form.reset();
  show($('password-result'), el('p', {class: 'verdict ok', id: 'password-changed'}, t('passwordChanged')));
}

async function createKey(ev) {
  ev.preventDefault();
  const form = $('key-form');
  if (!checkRequired(form)) { return; }
  const r = await call('/api/v1/facilities/' + encodeURIComponent(acting().partnerId) + '/api-keys', {json: {label: $('key-label').value.trim()}});
  if (!r.ok) { problem($('key-result'), r.body, form); return; }
  form.reset();
  show($('key-result'), el('p', {class: 'verdict ok'}, t('keyShown', {id: r.body.id, label: r.body.label})),
    el('p', {}, el('code', {id: 'new-key', 'data-id': r.body.id}, r.body.key)));
}

async function revokeKey(ev) {
  ev.preventDefault();
  const form = $('revoke-form');
  if (!checkRequired(form)) { return; }
  const id = $('revoke-id').value.trim();
  const r = await call('/api/v1/api-keys/' + encodeURIComponent(id), {method: 'DELETE'});
  if (!r.ok) { problem($('revoke-result'), r.body, form); return; }
  form.reset();
  show($('revoke-result'), el('p', {class: 'verdict ok', id: 'key-revoked'}, t('revoked', {id})));
}

export function mount() {
  $('password-form').addEventListener('submit', changePassword);
  $('key-form').addEventListener('submit', createKey);
  $('revoke-form').addEventListener('submit', revokeKey);
}
