// Seed 004 (PILIH DIREKTORAT) and Lampiran B: a regulator of several directorates chooses, after
// logging in, the one the console acts for; its queues then hold the requests routed to it. The
// menu's "Pilih direktorat" chooses again.
import {add, current, onChange} from './i18n.js';
import {session, actingDirectorate, chooseDirectorate} from './api.js';
import {$, el} from './ui.js';
import {go} from './console.js';

add({
  directorateHeading: ['Pilih direktorat', 'Choose a directorate'],
  directorateHelp: ['Akun Anda terdaftar di lebih dari satu direktorat Badan POM. Pilih direktorat yang dituju.',
    'Your account belongs to more than one directorate of Badan POM. Choose the one to act for.'],
  directorateChoose: ['Pilih', 'Choose']
});

function render() {
  const chosen = actingDirectorate();
  const list = session().directorates || [];
  $('dir-options').replaceChildren(...list.map((d, i) => el('label', {class: 'inline'},
    el('input', {type: 'radio', name: 'directorate', value: d.code, id: 'dir-' + d.code,
      checked: d.code === chosen || (!chosen && i === 0) ? '' : null}),
    el('span', {}, current() === 'en' ? d.nameEn : d.nameId))));
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
