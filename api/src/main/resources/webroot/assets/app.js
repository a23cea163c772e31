'use strict';
// The public page (issue 7, issue 14 §4): verify a code, a camera scan or a photo, look up an NIE,
// file and track a complaint. Bahasa Indonesia first, English on request; every server value is
// shown as text, never as HTML, and a missing value as a dash (never "null").
// /?code=... verifies at once: a link a phone camera opens from a QR (Pasal 24, Lampiran M.a).
(function () {
  const TEXT = {
    id: {
      title: 'Cek Produk Obat dan Makanan', newsTitle: 'Berita terkini', verifyTitle: 'Verifikasi 2D barcode',
      verifyHelp: 'Pindai kode dengan kamera, ketik atau tempel isi kode, atau unggah foto kode QR / DataMatrix pada kemasan.',
      codeLabel: 'Kode', verifyButton: 'Periksa', photoLabel: 'Foto kode (PNG atau JPEG, maks. 2 MB)',
      scanButton: 'Pindai dengan kamera', scanStop: 'Berhenti memindai',
      scanning: 'Arahkan kamera ke kode QR / DataMatrix pada kemasan…',
      noCamera: 'Pemindaian kamera tidak tersedia di peramban ini. Ambil atau pilih foto kode di bawah.',
      nieTitle: 'Cek nomor izin edar (NIE)', nieLabel: 'NIE', nieButton: 'Cari',
      nieNote: 'Data yang terdaftar untuk NIE ini. Bandingkan dengan kemasan Anda: NIE yang tercetak pada kemasan'
        + ' palsu tidak membuat kemasan itu asli.',
      complaintTitle: 'Pengaduan', cQuestion: 'Pertanyaan', cProduct: 'Nama produk', cBatch: 'Nomor bets',
      cNie: 'Nomor izin edar (NIE)', cPhoto: 'Foto pendukung (JPG atau PNG, maks. 2 MB)',
      cPlace: 'Lokasi pembelian', cAddress: 'Alamat pembelian', cSend: 'Kirim pengaduan',
      trackLabel: 'Nomor pelacakan pengaduan', trackButton: 'Lihat status',
      footer: 'Peraturan BPOM No. 33 Tahun 2018 — Pasal 24-25.', lang: 'English',
      product: 'Nama produk', nie: 'Nomor izin edar', validity: 'Masa berlaku NIE', holder: 'Pelaku usaha',
      address: 'Alamat', packaging: 'Kemasan', batch: 'Bets', expiry: 'Kedaluwarsa', code: 'Kode',
      suggestion: 'Saran', checkNie: 'Cek NIE', complain: 'Ajukan pengaduan', unreadable: 'Kode tidak dapat dibaca',
      tracking: 'Nomor pelacakan', status: 'Status', answer: 'Jawaban', sent: 'Pengaduan terkirim. Simpan nomor pelacakan ini:',
      busy: 'Memeriksa…', failed: 'Permintaan gagal. Coba lagi.', noAnswer: 'Belum dijawab',
      rateLimited: 'Terlalu banyak permintaan dari alamat ini. Coba lagi dalam {s} detik.',
      refused: 'Permintaan ditolak.', itemRefused: 'isian tidak dapat diterima'
    },
    en: {
      title: 'Check a medicine or food product', newsTitle: 'Latest news', verifyTitle: 'Verify a 2D barcode',
      verifyHelp: 'Scan the code with the camera, type or paste it, or upload a photo of the QR / DataMatrix code on the pack.',
      codeLabel: 'Code', verifyButton: 'Check', photoLabel: 'Photo of the code (PNG or JPEG, at most 2 MB)',
      scanButton: 'Scan with the camera', scanStop: 'Stop scanning',
      scanning: 'Point the camera at the QR / DataMatrix code on the pack…',
      noCamera: 'This browser cannot scan with the camera. Take or choose a photo of the code below.',
      nieTitle: 'Look up a marketing authorisation number (NIE)', nieLabel: 'NIE', nieButton: 'Look up',
      nieNote: 'What is registered for this NIE. Compare it with your pack: an NIE printed on a counterfeit pack'
        + ' does not make the pack genuine.',
      complaintTitle: 'Complaint', cQuestion: 'Question', cProduct: 'Product name', cBatch: 'Batch number',
      cNie: 'Marketing authorisation number (NIE)', cPhoto: 'Supporting photo (JPG or PNG, at most 2 MB)',
      cPlace: 'Place of purchase', cAddress: 'Address of purchase', cSend: 'Send complaint',
      trackLabel: 'Complaint tracking number', trackButton: 'Show status',
      footer: 'BPOM Regulation No. 33 of 2018 — Articles 24-25.', lang: 'Bahasa Indonesia',
      product: 'Product name', nie: 'Marketing authorisation (NIE)', validity: 'NIE valid until', holder: 'Business',
      address: 'Address', packaging: 'Packaging', batch: 'Batch', expiry: 'Expiry', code: 'Code',
      suggestion: 'Suggestion', checkNie: 'Look up the NIE', complain: 'File a complaint', unreadable: 'The code cannot be read',
      tracking: 'Tracking number', status: 'Status', answer: 'Answer', sent: 'Complaint sent. Keep this tracking number:',
      busy: 'Checking…', failed: 'The request failed. Try again.', noAnswer: 'Not answered yet',
      rateLimited: 'Too many requests from this address. Try again in {s} seconds.',
      refused: 'The request was refused.', itemRefused: 'not accepted'
    }
  };
  // Complaint states (Lampiran M.b.6): the server's names, read in the page's language.
  const STATUS = {
    RECEIVED: {id: 'Diterima', en: 'Received'},
    IN_PROGRESS: {id: 'Sedang diproses', en: 'In progress'},
    ANSWERED: {id: 'Sudah dijawab', en: 'Answered'},
    CLOSED: {id: 'Selesai', en: 'Closed'}
  };
  // The problem codes the public routes answer with (the problem's code and its items' codes). The
  // server's messages are English; in Indonesian mode these texts stand for them.
  const PROBLEM = {
    CODE_NOT_READABLE: {id: 'Kode tidak dapat dibaca: bukan 2D barcode BPOM.', en: 'The code cannot be read: not a BPOM 2D barcode.'},
    NOT_A_PRODUCT_CODE: {id: 'kode SSCC (00) menandai unit logistik, bukan produk', en: 'an SSCC (00) names a logistic unit, not a product'},
    EMPTY: {id: 'kode kosong', en: 'the code is empty'},
    INPUT_TOO_LONG: {id: 'kode terlalu panjang', en: 'the code is too long'},
    SYNTAX: {id: 'susunan kode tidak sesuai format', en: 'the code does not follow its format'},
    SYMBOLOGY: {id: 'jenis simbol tidak dikenal', en: 'unknown symbology identifier'},
    SEPARATOR: {id: 'pemisah (GS) di tempat yang salah', en: 'a separator (GS) where none belongs'},
    AI_UNKNOWN: {id: 'pengenal aplikasi (AI) tidak dikenal', en: 'unknown application identifier (AI)'},
    AI_DUPLICATE: {id: 'pengenal aplikasi (AI) berulang', en: 'an application identifier (AI) appears twice'},
    AI_MISSING: {id: 'data wajib tidak ada (NIE, bets, kedaluwarsa atau nomor seri)', en: 'a required element is missing (NIE, batch, expiry or serial)'},
    AI_NOT_ALLOWED: {id: 'pengenal aplikasi (AI) tidak boleh ada bersama yang lain', en: 'an application identifier (AI) that may not stand with another'},
    VALUE_EMPTY: {id: 'ada isian yang kosong', en: 'a field has no value'},
    VALUE_TOO_SHORT: {id: 'ada isian yang terlalu pendek', en: 'a value is too short'},
    VALUE_TOO_LONG: {id: 'ada isian yang terlalu panjang', en: 'a value is too long'},
    CHARSET: {id: 'ada karakter yang tidak diizinkan', en: 'a character that is not allowed'},
    GTIN_CHECK_DIGIT: {id: 'digit periksa GTIN salah', en: 'wrong GTIN check digit'},
    SSCC_CHECK_DIGIT: {id: 'digit periksa SSCC salah', en: 'wrong SSCC check digit'},
    CHECK_DIGIT: {id: 'digit periksa salah', en: 'wrong check digit'},
    DATE_INVALID: {id: 'tanggal tidak sah', en: 'not a real date'},
    VALUE_INVALID: {id: 'isian tidak sah', en: 'an invalid value'},
    DIGITAL_LINK: {id: 'tautan GS1 Digital Link tidak sah', en: 'a malformed GS1 Digital Link'},
    REQUIRED: {id: 'wajib diisi', en: 'required'},
    TOO_LONG: {id: 'terlalu panjang', en: 'too long'},
    TYPE: {id: 'jenis isian salah', en: 'wrong type'},
    WRONG_TYPE: {id: 'jenis isian salah', en: 'wrong type'},
    BAD_FORMAT: {id: 'format tidak sesuai', en: 'wrong format'},
    BAD_DATE: {id: 'tanggal harus berformat tttt-bb-hh', en: 'a date must be yyyy-mm-dd'},
    BAD_VALUE: {id: 'nilai tidak dikenal', en: 'unknown value'},
    MALFORMED_JSON: {id: 'isi permintaan rusak', en: 'the request body is malformed'},
    BAD_REQUEST: {id: 'Permintaan tidak lengkap atau tidak sah.', en: 'The request is incomplete or invalid.'},
    UNSUPPORTED_MEDIA_TYPE: {id: 'Jenis isi permintaan tidak diterima.', en: 'This kind of content is not accepted.'},
    PHOTO_TOO_LARGE: {id: 'Foto terlalu besar (maks. 2 MB).', en: 'The photo is too large (at most 2 MB).'},
    PHOTO_TYPE: {id: 'Foto harus berupa PNG atau JPEG.', en: 'The photo must be a PNG or JPEG.'},
    PHOTO_UNREADABLE: {id: 'Foto tidak dapat dibuka: rusak atau tidak lengkap.', en: 'The photo cannot be opened: damaged or incomplete.'},
    NO_SYMBOL: {id: 'Tidak ada kode QR atau DataMatrix yang terbaca pada foto.', en: 'No QR or DataMatrix code was found in the photo.'},
    BODY_TOO_LARGE: {id: 'Kiriman terlalu besar.', en: 'What was sent is too large.'},
    TOO_MANY: {id: 'terlalu banyak berkas', en: 'too many files'},
    SCHEMA: {id: 'isian tidak sesuai ketentuan', en: 'does not match the contract'},
    UNKNOWN_FIELD: {id: 'isian tidak dikenal', en: 'unknown field'},
    NOT_FOUND: {id: 'Tidak ditemukan.', en: 'Not found.'},
    INTERNAL: {id: 'Terjadi kesalahan pada server. Coba lagi nanti.', en: 'The server failed. Try again later.'}
  };
  // Field names the server uses, read as the labels of the page's forms.
  const FIELD = {
    code: 'codeLabel', photo: 'photoLabel', nie: 'cNie', question: 'cQuestion', productName: 'cProduct',
    batch: 'cBatch', purchasePlace: 'cPlace', purchaseAddress: 'cAddress'
  };
  let lang = localStorage.getItem('lacak.lang') === 'en' ? 'en' : 'id';
  let last = null; // the last verify answer, shown again when the language changes
  let lastNie = null; // the last NIE look-up, complaint and tracking answers, likewise
  let lastComplaint = null;
  let lastTrack = null;
  let scanner = null; // the running camera scan, if any
  const $ = (id) => document.getElementById(id);
  const t = (key) => TEXT[lang][key];
  /** A server value as text: a dash when it is missing, never "null" or "undefined". */
  const txt = (v) => (v === null || v === undefined || v === '' ? '—' : String(v));
  const bilingual = (m, fallback) => (m && typeof m[lang] === 'string' ? m[lang] : fallback);

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => { if (v !== null && v !== undefined) { e.setAttribute(k, v); } });
    children.filter((c) => c !== null && c !== undefined).forEach((c) => e.append(c));
    return e;
  }

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach((n) => { n.textContent = t(n.dataset.i18n); });
    $('lang').textContent = t('lang');
    [last, lastNie, lastComplaint, lastTrack].forEach((again) => { if (again) { again(); } });
  }

  function show(box, ...content) {
    box.replaceChildren(...content.filter((c) => c !== null && c !== undefined));
    box.hidden = false;
  }

  function productList(p) {
    const holder = p.holder || {};
    const rows = [['product', p.name], ['nie', p.nie], ['validity', p.nieValidUntil],
      ['holder', holder.name], ['address', holder.address], ['packaging', p.packaging]];
    const dl = el('dl', {class: 'product'});
    rows.forEach(([k, v]) => dl.append(el('dt', {}, t(k)), el('dd', {'data-field': k}, txt(v))));
    return dl;
  }

  function tone(verdict) {
    if (verdict === 'GENUINE' || verdict === 'NIE_VALID') { return 'ok'; }
    if (verdict === 'SOLD' || verdict === 'NOT_ACTIVATED') { return 'warn'; }
    return 'bad';
  }

  function nextSteps(nie) {
    const lookup = el('button', {type: 'button', id: 'goto-nie'}, t('checkNie'));
    lookup.addEventListener('click', () => { $('nie').value = nie || ''; $('nie').focus(); if (nie) { lookupNie(); } });
    const complain = el('button', {type: 'button', id: 'goto-complaint'}, t('complain'));
    complain.addEventListener('click', () => { $('c-nie').value = nie || ''; $('c-question').focus(); });
    return el('p', {class: 'next'}, lookup, ' ', complain);
  }

  /** The NIE an answer links to for look-up (Lampiran M.a.4.a); an unknown code names no product. */
  function linkedNie(a) {
    if (a.product && a.product.nie) { return a.product.nie; }
    const link = a.links && a.links.nieLookup;
    const m = typeof link === 'string' ? /\/api\/v1\/products\/([A-Za-z0-9]+)$/.exec(link) : null;
    return m ? m[1] : null;
  }

  function suggestionBox(s) {
    return s ? el('div', {class: 'suggestion', id: 'suggestion'}, el('strong', {}, t('suggestion') + ': '),
      el('code', {}, txt(s.code)), el('br'), bilingual(s.message, '')) : null;
  }

  function renderAnswer(a) {
    const details = el('dl', {}, el('dt', {}, t('code')), el('dd', {id: 'answer-code'}, txt(a.code)));
    if (a.kind === 'AUTHENTICATION') {
      details.append(el('dt', {}, t('batch')), el('dd', {id: 'batch'}, txt(a.batch)),
        el('dt', {}, t('expiry')), el('dd', {id: 'expiry'}, txt(a.expiry)));
    }
    show($('result'), el('div', {class: 'verdict ' + tone(a.verdict), id: 'verdict', 'data-verdict': a.verdict,
      'data-code': a.code}, bilingual(a.message, t('failed'))),
    a.product ? productList(a.product) : null, details, suggestionBox(a.suggestion),
    a.valid ? null : nextSteps(linkedNie(a)));
  }

  /** A problem document (RFC 9457) in the page's language: its code, and each item's field and code. */
  function renderProblem(box, p, withNext) {
    const list = el('ul', {class: 'errors'});
    (p.errors || []).forEach((e) => {
      const field = e.field && FIELD[e.field] ? t(FIELD[e.field]) : e.field;
      const known = PROBLEM[e.code];
      // English mode keeps the server's own words, which are more precise; Indonesian reads the code's text
      const text = lang === 'en' && e.message ? e.message : bilingual(known, t('itemRefused'));
      list.append(el('li', {'data-code': e.code}, (field ? field + ': ' : '') + text));
    });
    show(box, el('div', {class: 'verdict bad', id: box.id + '-problem', 'data-code': p.code || '', 'data-status': p.status},
      headline(p, withNext)), list.childElementCount ? list : null,
    withNext ? suggestionBox(p.suggestion) : null, withNext ? nextSteps(null) : null);
  }

  function headline(p, verifying) {
    if (!p.status) { return t('failed'); } // no answer at all (offline)
    if (p.status === 429) { return t('rateLimited').replace('{s}', String(p.retryAfter || 1)); }
    if (p.status === 422 && verifying && p.code === 'CODE_NOT_READABLE') { return t('unreadable'); }
    if (PROBLEM[p.code]) { return bilingual(PROBLEM[p.code]); }
    if (lang === 'en' && typeof p.detail === 'string' && p.detail) { return p.detail; }
    return p.status >= 500 ? bilingual(PROBLEM.INTERNAL) : t('refused');
  }

  async function call(url, options) {
    let res;
    try {
      res = await fetch(url, options);
    } catch (e) {
      return {ok: false, body: {status: 0}};
    }
    let body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    if (!body || typeof body !== 'object') { body = {status: res.status}; }
    if (!res.ok) {
      body.status = res.status;
      body.retryAfter = parseInt(res.headers.get('Retry-After'), 10) || null;
    }
    return {ok: res.ok, body};
  }

  async function verify(options) {
    show($('result'), el('p', {id: 'busy'}, t('busy')));
    const r = await call('/api/v1/verify', options);
    last = r.ok ? () => renderAnswer(r.body) : () => renderProblem($('result'), r.body, true);
    last();
  }

  function verifyCode(code) {
    return verify({method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({code})});
  }

  // Camera scan (Lampiran M.a.3) where the browser offers BarcodeDetector; otherwise the photo field,
  // which phones open with their camera. getUserMedia needs HTTPS (or localhost).
  async function scan() {
    if (scanner) { stopScan(); return; }
    const formats = await detectorFormats();
    if (!formats.length) { photoInstead(); return; }
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({video: {facingMode: 'environment'}, audio: false});
    } catch (e) {
      photoInstead();
      return;
    }
    const video = $('scan-video');
    const detector = new window.BarcodeDetector({formats});
    scanner = {stream};
    video.srcObject = stream;
    video.hidden = false;
    $('scan-btn').textContent = t('scanStop');
    $('scan-btn').dataset.i18n = 'scanStop';
    show($('scan-note'), t('scanning'));
    try { await video.play(); } catch (e) { /* autoplay refused: frames still arrive for detect() */ }
    const tick = async () => {
      if (!scanner || scanner.stream !== stream) { return; }
      let found = [];
      try { found = await detector.detect(video); } catch (e) { found = []; } // no frame yet
      const hit = found.find((b) => b && typeof b.rawValue === 'string' && b.rawValue);
      if (hit) {
        stopScan();
        // GS1 symbols come without their identifier; a leading FNC1 may come as a GS
        verifyCode(hit.rawValue.replace(/^\u001d/, ''));
      } else if (scanner && scanner.stream === stream) {
        setTimeout(tick, 150);
      }
    };
    tick();
  }

  async function detectorFormats() {
    if (!('BarcodeDetector' in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { return []; }
    try {
      const supported = await window.BarcodeDetector.getSupportedFormats();
      return ['qr_code', 'data_matrix'].filter((f) => supported.includes(f));
    } catch (e) {
      return [];
    }
  }

  function stopScan() {
    if (scanner) { scanner.stream.getTracks().forEach((track) => track.stop()); }
    scanner = null;
    const video = $('scan-video');
    video.srcObject = null;
    video.hidden = true;
    $('scan-btn').dataset.i18n = 'scanButton';
    $('scan-btn').textContent = t('scanButton');
    $('scan-note').hidden = true;
  }

  function photoInstead() {
    show($('scan-note'), t('noCamera'));
    $('photo').click(); // opens the camera or the gallery on a phone; ignored once the tap is too old
    $('photo').focus();
  }

  async function lookupNie() {
    const nie = $('nie').value.trim();
    if (!nie) { return; }
    const r = await call('/api/v1/products/' + encodeURIComponent(nie));
    lastNie = r.ok ? () => show($('nie-result'), el('p', {class: 'note', id: 'nie-note'}, t('nieNote')), productList(r.body))
      : () => renderProblem($('nie-result'), r.body, false);
    lastNie();
  }

  function showComplaint(box, c, intro) {
    const status = STATUS[c.status];
    const dl = el('dl', {}, el('dt', {}, t('tracking')), el('dd', {id: box.id + '-number'}, txt(c.trackingNumber)),
      el('dt', {}, t('status')), el('dd', {id: box.id + '-status', 'data-status': c.status}, status ? status[lang] : txt(c.status)),
      el('dt', {}, t('answer')), el('dd', {}, c.answer ? String(c.answer) : t('noAnswer')));
    show(box, intro ? el('p', {}, t(intro)) : null, dl);
  }

  /** The latest news of Badan POM (Lampiran A, BPOM Mobile "berita terkini"), as text; none: no section. */
  async function news() {
    const r = await call('/api/v1/news?limit=3');
    if (!r.ok || !Array.isArray(r.body) || !r.body.length) { return; }
    $('news-list').replaceChildren(...r.body.map((n) => el('li', {class: 'news-item'},
      el('strong', {}, txt(n.title)), ' ', el('span', {class: 'note'}, txt(n.publishedAt).slice(0, 10)), el('br'), txt(n.body))));
    $('news').hidden = false;
  }

  document.addEventListener('DOMContentLoaded', () => {
    applyLanguage();
    news();
    $('lang').addEventListener('click', () => {
      lang = lang === 'id' ? 'en' : 'id';
      localStorage.setItem('lacak.lang', lang);
      applyLanguage();
    });
    $('verify-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      verifyCode($('code').value);
    });
    $('scan-btn').addEventListener('click', scan);
    $('photo').addEventListener('change', () => {
      const file = $('photo').files[0];
      if (file) {
        const form = new FormData();
        form.append('photo', file);
        $('photo').value = ''; // the same photo may be chosen again
        verify({method: 'POST', body: form});
      }
    });
    $('nie-form').addEventListener('submit', (ev) => { ev.preventDefault(); lookupNie(); });
    $('complaint-form').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const r = await call('/api/v1/complaints', {method: 'POST', body: new FormData($('complaint-form'))});
      lastComplaint = r.ok ? () => showComplaint($('complaint-result'), r.body, 'sent')
        : () => renderProblem($('complaint-result'), r.body, false);
      lastComplaint();
      if (r.ok) { $('complaint-form').reset(); }
    });
    $('track-form').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const number = $('tracking').value.trim();
      if (!number) { return; }
      const r = await call('/api/v1/complaints/' + encodeURIComponent(number));
      lastTrack = r.ok ? () => showComplaint($('track-result'), r.body, null)
        : () => renderProblem($('track-result'), r.body, false);
      lastTrack();
    });
    // a deep link (/?code=...), e.g. from a QR holding the page's address: the verdict at once
    const linked = new URLSearchParams(window.location.search).get('code');
    if (linked && linked.trim()) {
      $('code').value = linked;
      verifyCode(linked);
    }
  });
})();
