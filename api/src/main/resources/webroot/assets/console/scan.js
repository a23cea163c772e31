// The scan page for a phone (BPOM Mobile's facility functions): the camera through BarcodeDetector
// where the browser has it, a USB or Bluetooth scanner as keyboard input (a code, then Enter)
// otherwise; each scan checked at once against the code's state, the batch sent as one report.
import {add, t, onChange} from './i18n.js';
import {call} from './api.js';
import {$, el, show, txt, table} from './ui.js';
import {acting} from './console.js';
import {reportProblem} from './report.js';

add({
  scanHeading: ['Pindai barang', 'Scan goods'], scanMode: ['Kegiatan', 'Activity'],
  modeReceive: ['Terima kiriman (Lampiran I)', 'Receive a shipment (Lampiran I)'], modeShip: ['Kirim ke mitra (Lampiran H)', 'Ship to a partner (Lampiran H)'],
  modeSell: ['Jual / serahkan (Lampiran J)', 'Sell / dispense (Lampiran J)'], modeRecall: ['Kirim kembali barang tarikan (Lampiran L)', 'Send recalled goods back (Lampiran L)'],
  destination: ['Tujuan', 'Destination'], camera: ['Pindai dengan kamera', 'Scan with the camera'], cameraStop: ['Berhenti memindai', 'Stop scanning'],
  noCamera: ['Kamera tidak tersedia di peramban ini: gunakan pemindai atau ketik kode.', 'This browser cannot scan with the camera: use a scanner or type the code.'],
  scanInput: ['Kode (pemindai USB/Bluetooth atau ketik, lalu Enter)', 'Code (USB/Bluetooth scanner or typed, then Enter)'],
  scanned: ['Kode terpindai', 'Scanned codes'], submitScans: ['Kirim laporan', 'Send the report'], remove: ['Hapus', 'Remove'],
  check: ['Pemeriksaan', 'Check'], fits: ['sesuai', 'fits'], doesNotFit: ['tidak sesuai: {status}', 'does not fit: {status}'],
  unknownCode: ['tidak dikenal', 'unknown'], duplicate: ['sudah dipindai', 'already scanned'], nothing: ['Belum ada kode.', 'No codes yet.'],
  sent: ['Laporan diterima: {n} kode.', 'Report accepted: {n} codes.'], lateSent: ['(terlambat, Pasal 12 ayat 5)', '(late, Article 12(5))']
});

let scans = []; // {code, ok, note}
let result = null;
let camera = null;

const me = () => acting().partnerId;

/** Whether a code in {@code state} fits the activity: received when sent to me, shipped or sold from my stock. */
function fits(mode, state) {
  if (mode === 'receipts') { return ['IN_TRANSIT', 'RECALL_IN_TRANSIT'].includes(state.status) && state.counterparty === me(); }
  if (mode === 'recall-shipments') { return state.recalled && state.holder === me(); }
  return state.holder === me() && ['ACTIVE', 'HELD'].includes(state.status);
}

async function scanned(raw) {
  const code = raw.replace(/^\u001d/, '').trim();
  if (!code) { return; }
  if (result) { clearResult(); } // a new batch begins: the last report's answer goes
  if (scans.some((s) => s.code === code)) { scans.unshift({code, repeat: true}); render(); return; }
  const entry = {code, busy: true};
  scans.unshift(entry);
  render();
  const r = await call('/api/v1/codes/state?code=' + encodeURIComponent(code) + '&partnerId=' + encodeURIComponent(me()));
  entry.busy = false;
  entry.state = r.ok ? r.body : null;
  render();
}

/** A scan's check against the activity chosen now (a change of activity checks every scan again). */
function check(s) {
  if (s.repeat) { return {ok: false, note: t('duplicate')}; }
  if (s.busy) { return {ok: false, note: t('busy')}; }
  if (!s.state) { return {ok: false, note: t('unknownCode')}; }
  return fits($('s-mode').value, s.state) ? {ok: true, note: t('fits')} : {ok: false, note: t('doesNotFit', {status: t(s.state.status)})};
}

function render() {
  // the rows are the scans themselves: Remove drops that very scan (a copy per row matched none)
  show($('s-list'), scans.length ? table('scan-table', [['code', t('codeLabel')], ['check', t('check')], ['remove', '']], scans, (k, s) => {
    if (k === 'code') { return el('code', {}, s.code); }
    if (k === 'check') {
      const c = check(s);
      return el('span', {class: c.ok ? 'ok' : 'bad', 'data-ok': String(c.ok)}, c.note);
    }
    const b = el('button', {type: 'button', class: 'small', 'aria-label': t('remove') + ' ' + s.code}, t('remove'));
    b.addEventListener('click', () => { scans = scans.filter((x) => x !== s); render(); $('s-code').focus(); });
    return b;
  }) : el('p', {}, t('nothing')));
  $('s-partner-box').hidden = !['shipments', 'recall-shipments'].includes($('s-mode').value);
  if (result) { show($('s-result'), el('p', {class: 'verdict ok', id: 's-sent'}, t('sent', {n: result.accepted}), result.late ? ' ' + t('lateSent') : '')); }
}

function clearResult() {
  result = null;
  $('s-result').replaceChildren();
  $('s-result').hidden = true;
}

async function destinations() {
  const r = await call('/api/v1/facilities?limit=1000');
  const others = r.ok ? r.body.filter((f) => f.partnerId !== me()) : [];
  $('s-destination').replaceChildren(...others.map((f) => el('option', {value: f.partnerId}, f.name + ' (' + f.partnerId + ')')));
}

async function submit() {
  clearResult(); // the last report's answer goes until this one's arrives
  const mode = $('s-mode').value;
  const codes = [...new Set(scans.filter((s) => !s.repeat).map((s) => s.code))];
  if (!codes.length) { show($('s-result'), el('p', {class: 'verdict bad', role: 'alert'}, t('nothing'))); return; }
  const body = {partnerId: me(), codes};
  if (!$('s-partner-box').hidden) { body.destination = $('s-destination').value; }
  $('s-submit').disabled = true; // one report per batch, however often the button is pressed
  const r = await call('/api/v1/' + mode, {json: body}).finally(() => { $('s-submit').disabled = false; });
  if (!r.ok) { reportProblem($('s-result'), r.body); return; }
  result = {accepted: Array.isArray(r.body.accepted) ? r.body.accepted.length : txt(r.body.accepted), late: r.body.late};
  scans = [];
  render();
}

async function startCamera() {
  if (camera) { stopCamera(); return; }
  const formats = 'BarcodeDetector' in window ? await window.BarcodeDetector.getSupportedFormats().catch(() => []) : [];
  const wanted = ['qr_code', 'data_matrix'].filter((f) => formats.includes(f));
  if (!wanted.length || !navigator.mediaDevices) { show($('s-camera-note'), t('noCamera')); $('s-code').focus(); return; }
  let stream;
  try { stream = await navigator.mediaDevices.getUserMedia({video: {facingMode: 'environment'}, audio: false}); } catch (e) {
    show($('s-camera-note'), t('noCamera'));
    return;
  }
  const detector = new window.BarcodeDetector({formats: wanted});
  camera = {stream, last: ''};
  $('s-video').srcObject = stream;
  $('s-video').hidden = false;
  $('s-camera').textContent = t('cameraStop');
  try { await $('s-video').play(); } catch (e) { /* frames still arrive for detect() */ }
  const tick = async () => {
    if (!camera || camera.stream !== stream) { return; }
    const found = await detector.detect($('s-video')).catch(() => []);
    const hit = found.find((b) => b && b.rawValue && b.rawValue !== camera.last);
    if (hit) { camera.last = hit.rawValue; scanned(hit.rawValue); } // the same symbol held in view counts once
    setTimeout(tick, 200);
  };
  tick();
}

function stopCamera() {
  if (camera) { camera.stream.getTracks().forEach((track) => track.stop()); }
  camera = null;
  $('s-video').hidden = true;
  $('s-camera').textContent = t('camera');
}

export function mount() {
  scans = [];
  result = null;
  stopCamera();
  onChange(render);
  $('s-code').addEventListener('keydown', (ev) => {
    if (ev.key !== 'Enter') { return; }
    ev.preventDefault(); // a scanner ends each code with Enter: the next scan follows at once
    scanned($('s-code').value);
    $('s-code').value = '';
  });
  $('s-mode').addEventListener('change', render);
  $('s-camera').addEventListener('click', startCamera);
  $('s-submit').addEventListener('click', submit);
  destinations();
  render();
  $('s-code').focus();
}
