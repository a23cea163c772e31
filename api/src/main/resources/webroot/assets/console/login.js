// The consoles' login (seed 004: one account for every module): a token, then the person's console.
import {add, t} from './i18n.js';
import {call, saveSession} from './api.js';
import {$, el, show, problem, checkRequired} from './ui.js';
import {go} from './console.js';

add({
  loginHeading: ['Masuk', 'Log in'], username: ['Nama pengguna', 'Username'], password: ['Kata sandi', 'Password'],
  loginButton: ['Masuk', 'Log in'], forgot: ['Lupa kata sandi?', 'Forgot your password?'],
  publicPage: ['Cek produk (halaman publik)', 'Check a product (public page)'],
  loginHelp: ['Satu akun untuk semua sarana Anda (fasilitas produksi, distribusi, pelayanan) dan untuk petugas Badan POM.',
    'One account for all your facilities (production, distribution, service) and for Badan POM officers.'],
  badLogin: ['Nama pengguna atau kata sandi salah.', 'Wrong username or password.']
});

async function login(ev) {
  ev.preventDefault();
  const form = $('login-form');
  if (!checkRequired(form)) { return; }
  const username = $('username').value.trim();
  const r = await call('/api/v1/login', {json: {username, password: $('password').value}, noRedirect: true});
  if (r.status === 401) {
    show($('login-result'), el('p', {class: 'verdict bad', role: 'alert'}, t('badLogin')));
  } else if (!r.ok) {
    problem($('login-result'), r.body, form);
  } else {
    saveSession({token: r.body.token, username, regulator: r.body.regulator, facilities: r.body.facilities || [],
      directorates: r.body.directorates || []});
    go();
  }
}

export function mount() {
  $('login-form').addEventListener('submit', login);
  $('username').focus();
}
