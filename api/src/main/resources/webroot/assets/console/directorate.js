// Seed 004 (PILIH DIREKTORAT) and Lampiran B: a regulator of several directorates chooses, after
// logging in, the one the console acts for; its queues then hold the requests routed to it. The
// menu's "Pilih direktorat" chooses again. "All my directorates" acts for every one of the
// person's at once: the API's own default for a call that names none.
import {add, t, current, onChange} from './i18n.js';
import {session, actingDirectorate, chooseDirectorate, directorateChosen, ALL_MINE} from './api.js';
import {$, el} from './ui.js';
import {go} from './console.js';

add({
  directorateHeading: ['Pilih direktorat', 'Choose a directorate'],
  directorateHelp: ['Akun Anda terdaftar di lebih dari satu direktorat Badan POM. Pilih direktorat yang dituju.',
    'Your account belongs to more than one directorate of Badan POM. Choose the one to act for.'],
  directorateChoose: ['Pilih', 'Choose'],
  directorateAllMineOption: ['Semua direktorat saya (antrean gabungan)', 'All my directorates (one queue for all)']
});

function option(code, text, checked) {
  return el('label', {class: 'inline'},
    el('input', {type: 'radio', name: 'directorate', value: code, id: 'dir-' + code, checked: checked ? '' : null}),
    el('span', {}, text));
}

function render() {
  const chosen = actingDirectorate();
  const all = !chosen && directorateChosen();
  const list = session().directorates || [];
  $('dir-options').replaceChildren(
    ...list.map((d, i) => option(d.code, current() === 'en' ? d.nameEn : d.nameId, d.code === chosen || (!chosen && !all && i === 0))),
    option(ALL_MINE, t('directorateAllMineOption'), all));
}

export function mount() {
  render();
  onChange(render);
  $('dir-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const picked = $('dir-form').querySelector('input[name=directorate]:checked');
    chooseDirectorate(picked.value);
    go('queues');
  });
}
