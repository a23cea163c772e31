// The consoles' one page (issue 20): the view named by the address's #hash, cloned from its
// <template>, then its module's mount(). A person with facilities gets the facility console, Badan
// POM's officers the regulator's desk; without a session only the login is shown.
import {add, t, apply, bindSwitch, onChange} from './i18n.js';
import {call, session, logout, actingDirectorate, directorateChosen} from './api.js';
import {current} from './i18n.js';
import {$, el} from './ui.js';

/** Every view: who may open it (facility, regulator, anyone) and the module that runs it. */
const VIEWS = {
  login: {who: 'anyone', title: 'loginTitle'},
  dashboard: {who: 'facility', title: 'dashTitle', nav: 'navDashboard'},
  upload: {who: 'facility', title: 'uploadTitle', nav: 'navUpload'},
  codes: {who: 'facility', type: 'MANUFACTURER', title: 'codesTitle', nav: 'navCodes'},
  recalls: {who: 'facility', type: 'MANUFACTURER', title: 'recallsTitle', nav: 'navRecalls'},
  scan: {who: 'facility', title: 'scanTitle', nav: 'navScan'},
  returns: {who: 'facility', title: 'returnsTitle', nav: 'navReturns'},
  custody: {who: 'facility', title: 'custodyTitle', nav: 'navCustody'},
  account: {who: 'facility', title: 'accountTitle', nav: 'navAccount'},
  desk: {who: 'regulator', title: 'deskTitle', nav: 'navDesk'},
  queues: {who: 'regulator', title: 'queuesTitle', nav: 'navQueues'},
  directorate: {who: 'regulator', several: true, title: 'directorateTitle', nav: 'navDirectorate'}
};

add({
  loginTitle: ['Konsol Lacak', 'Lacak console'], dashTitle: ['Dasbor sarana', 'Facility dashboard'],
  uploadTitle: ['Unggah berkas laporan', 'Upload report files'], navDashboard: ['Dasbor', 'Dashboard'],
  navUpload: ['Unggah berkas', 'Upload files'], navLabel: ['Menu konsol', 'Console menu'],
  codesTitle: ['Kode dan barcode', 'Codes and barcodes'], navCodes: ['Kode', 'Codes'],
  recallsTitle: ['Penarikan', 'Recalls'], navRecalls: ['Penarikan', 'Recalls'],
  scanTitle: ['Pindai', 'Scan'], navScan: ['Pindai', 'Scan'],
  returnsTitle: ['Keputusan retur', 'Return decisions'], navReturns: ['Retur', 'Returns'],
  custodyTitle: ['Riwayat kode', 'Chain of custody'], navCustody: ['Riwayat kode', 'Custody'],
  deskTitle: ['Meja regulator: pengawasan', "Regulator's desk: supervision"], navDesk: ['Pengawasan', 'Supervision'],
  accountTitle: ['Akun dan kunci API', 'Account and API keys'], navAccount: ['Akun', 'Account'],
  queuesTitle: ['Meja regulator: antrean keputusan', "Regulator's desk: decision queues"], navQueues: ['Antrean', 'Queues'],
  directorateTitle: ['Pilih direktorat', 'Choose a directorate'],
  directorateAllMine: ['Semua direktorat saya', 'All my directorates'], navDirectorate: ['Pilih direktorat', 'Choose a directorate']
});

/** A regulator of several directorates (seed 004): the chooser comes first, and stays in the menu. */
const several = (s) => ((s && s.directorates) || []).length > 1;

/** The name of the directorate the console acts for, in the page's language ('' when none). */
function directorateName(s) {
  const d = ((s && s.directorates) || []).find((x) => x.code === actingDirectorate());
  if (!d) { return several(s) && directorateChosen() ? t('directorateAllMine') : ''; }
  return current() === 'en' ? d.nameEn : d.nameId;
}

const facilities = new Map(); // partnerId -> {partnerId, type, name, address}
const ACTING = 'lacak.facility';

/** The facility the console acts for: {partnerId, type, name}; every call names it as partnerId. */
export function acting() {
  const s = session();
  const chosen = sessionStorage.getItem(ACTING);
  const id = s.facilities.includes(chosen) ? chosen : s.facilities[0];
  return facilities.get(id) || {partnerId: id};
}

function home(s) {
  if (!s || !s.token) { return 'login'; }
  if (s.regulator) { return several(s) && !directorateChosen() ? 'directorate' : 'desk'; }
  return 'dashboard';
}

function allowed(view, s) {
  if (view.who === 'anyone') { return true; }
  if (!s || !s.token) { return false; }
  // a view of one kind of facility (a manufacturer's codes) when the console acts for one of that kind
  if (view.who === 'regulator' && s.regulator) {
    // seed 004: a person of several directorates chooses one before any other view
    return view.several ? several(s) : !several(s) || directorateChosen();
  }
  return view.who === (s.regulator ? 'regulator' : 'facility') && (!view.type || acting().type === view.type);
}

function chrome(s, name) {
  const who = s && s.token ? s.username + (directorateName(s) ? ' · ' + directorateName(s) : '') : '';
  const tools = [el('span', {id: 'who', class: 'who'}, who), el('button', {id: 'lang', type: 'button'})];
  if (s && s.token) { tools.push(el('button', {id: 'logout', type: 'button', 'data-i18n': 'logout'})); }
  $('tools').replaceChildren(...tools);
  bindSwitch($('lang'));
  if ($('logout')) { $('logout').addEventListener('click', logout); }
  const links = Object.entries(VIEWS).filter(([, v]) => v.nav && allowed(v, s));
  $('nav').hidden = links.length === 0;
  $('nav').dataset.i18nLabel = 'navLabel';
  $('nav').replaceChildren(...links.map(([k, v]) => el('a', {href: '#' + k, 'data-i18n': v.nav, 'aria-current': k === name ? 'page' : null})));
}

async function facilityPicker(s) {
  const missing = s.facilities.filter((id) => !facilities.has(id));
  await Promise.all(missing.map(async (id) => {
    const r = await call('/api/v1/facilities/' + encodeURIComponent(id));
    facilities.set(id, r.ok ? r.body : {partnerId: id});
  }));
  $('facility').replaceChildren(...s.facilities.map((id) => {
    const f = facilities.get(id);
    return el('option', {value: id}, f.name ? f.name + ' (' + id + ')' : id);
  }));
  $('facility').value = acting().partnerId;
}

/** Opens view {@code name} (a login leads on to the person's console: {@code go()}). */
export function go(name) {
  const target = '#' + (name || home(session()));
  if (window.location.hash === target) { route(); } else { window.location.hash = target; }
}

async function route() {
  const s = session();
  let name = window.location.hash.slice(1) || home(s);
  if (s && s.token && !s.regulator) { await facilityPicker(s); }
  if (!VIEWS[name] || !allowed(VIEWS[name], s)) { name = home(s); }
  const view = VIEWS[name];
  chrome(s, name);
  $('title').dataset.i18n = view.title;
  $('acting').hidden = view.who !== 'facility';
  $('view').replaceChildren(document.getElementById('view-' + name).content.cloneNode(true));
  onChange(null);
  const module = await import('./' + name + '.js');
  apply();
  module.mount();
  document.title = t(view.title) + ' — Lacak';
}

document.addEventListener('DOMContentLoaded', () => {
  $('facility').addEventListener('change', () => {
    sessionStorage.setItem(ACTING, $('facility').value);
    route();
  });
  window.addEventListener('hashchange', route);
  route();
});
