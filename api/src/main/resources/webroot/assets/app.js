'use strict';
// The public page (issue 7): verify a code or a photo, look up an NIE, file and track a complaint.
// Bahasa Indonesia first, English on request; every server value is shown as text, never as HTML.
(function () {
  const TEXT = {
    id: {
      title: 'Cek Produk Obat dan Makanan', verifyTitle: 'Verifikasi 2D barcode',
      verifyHelp: 'Ketik atau tempel isi kode, atau unggah foto kode QR / DataMatrix pada kemasan.',
      codeLabel: 'Kode', verifyButton: 'Periksa', photoLabel: 'Foto kode (PNG atau JPEG, maks. 2 MB)',
      nieTitle: 'Cek nomor izin edar (NIE)', nieLabel: 'NIE', nieButton: 'Cari',
      complaintTitle: 'Pengaduan', cQuestion: 'Pertanyaan', cProduct: 'Nama produk', cBatch: 'Nomor bets',
      cNie: 'Nomor izin edar (NIE)', cPhoto: 'Foto pendukung (JPG atau PNG, maks. 2 MB)',
      cPlace: 'Lokasi pembelian', cAddress: 'Alamat pembelian', cSend: 'Kirim pengaduan',
      trackLabel: 'Nomor pelacakan pengaduan', trackButton: 'Lihat status',
      footer: 'Peraturan BPOM No. 33 Tahun 2018 — Pasal 24-25.', lang: 'English',
      product: 'Nama produk', nie: 'Nomor izin edar', validity: 'Masa berlaku NIE', holder: 'Pelaku usaha',
      address: 'Alamat', packaging: 'Kemasan', batch: 'Bets', expiry: 'Kedaluwarsa', code: 'Kode',
      suggestion: 'Saran', checkNie: 'Cek NIE', complain: 'Ajukan pengaduan', unreadable: 'Kode tidak dapat dibaca',
      tracking: 'Nomor pelacakan', status: 'Status', answer: 'Jawaban', sent: 'Pengaduan terkirim. Simpan nomor pelacakan ini:',
      busy: 'Memeriksa…', failed: 'Permintaan gagal', noAnswer: 'Belum dijawab'
    },
    en: {
      title: 'Check a medicine or food product', verifyTitle: 'Verify a 2D barcode',
      verifyHelp: 'Type or paste the code, or upload a photo of the QR / DataMatrix code on the pack.',
      codeLabel: 'Code', verifyButton: 'Check', photoLabel: 'Photo of the code (PNG or JPEG, at most 2 MB)',
      nieTitle: 'Look up a marketing authorisation number (NIE)', nieLabel: 'NIE', nieButton: 'Look up',
      complaintTitle: 'Complaint', cQuestion: 'Question', cProduct: 'Product name', cBatch: 'Batch number',
      cNie: 'Marketing authorisation number (NIE)', cPhoto: 'Supporting photo (JPG or PNG, at most 2 MB)',
      cPlace: 'Place of purchase', cAddress: 'Address of purchase', cSend: 'Send complaint',
      trackLabel: 'Complaint tracking number', trackButton: 'Show status',
      footer: 'BPOM Regulation No. 33 of 2018 — Articles 24-25.', lang: 'Bahasa Indonesia',
      product: 'Product name', nie: 'Marketing authorisation (NIE)', validity: 'NIE valid until', holder: 'Business',
      address: 'Address', packaging: 'Packaging', batch: 'Batch', expiry: 'Expiry', code: 'Code',
      suggestion: 'Suggestion', checkNie: 'Look up the NIE', complain: 'File a complaint', unreadable: 'The code cannot be read',
      tracking: 'Tracking number', status: 'Status', answer: 'Answer', sent: 'Complaint sent. Keep this tracking number:',
      busy: 'Checking…', failed: 'The request failed', noAnswer: 'Not answered yet'
    }
  };
  let lang = localStorage.getItem('lacak.lang') === 'en' ? 'en' : 'id';
  let last = null; // the last verify answer, shown again when the language changes
  const $ = (id) => document.getElementById(id);
  const t = (key) => TEXT[lang][key];

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    children.filter((c) => c !== null && c !== undefined).forEach((c) => e.append(c));
    return e;
  }

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach((n) => { n.textContent = t(n.dataset.i18n); });
    $('lang').textContent = t('lang');
    if (last) { last(); }
  }

  function show(box, ...content) {
    box.replaceChildren(...content);
    box.hidden = false;
  }

  function productList(p) {
    const rows = [['product', p.name], ['nie', p.nie], ['validity', p.nieValidUntil],
      ['holder', p.holder && p.holder.name], ['address', p.holder && p.holder.address], ['packaging', p.packaging]];
    const dl = el('dl', {class: 'product'});
    rows.forEach(([k, v]) => dl.append(el('dt', {}, t(k)), el('dd', {'data-field': k}, v || '—')));
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

  function suggestionBox(s) {
    return s ? el('div', {class: 'suggestion', id: 'suggestion'}, el('strong', {}, t('suggestion') + ': '),
      el('code', {}, s.code), el('br'), s.message[lang]) : null;
  }

  function renderAnswer(a) {
    const box = $('result');
    const details = el('dl', {}, el('dt', {}, t('code')), el('dd', {}, a.code));
    if (a.kind === 'AUTHENTICATION') {
      details.append(el('dt', {}, t('batch')), el('dd', {id: 'batch'}, a.batch || '—'),
        el('dt', {}, t('expiry')), el('dd', {id: 'expiry'}, a.expiry || '—'));
    }
    show(box, el('div', {class: 'verdict ' + tone(a.verdict), id: 'verdict', 'data-verdict': a.verdict}, a.message[lang]),
      a.product ? productList(a.product) : null, details, suggestionBox(a.suggestion),
      a.valid ? null : nextSteps(a.product ? a.product.nie : null));
  }

  function renderProblem(box, p, withNext) {
    const list = el('ul', {class: 'errors'});
    (p.errors || []).forEach((e) => list.append(el('li', {}, (e.field ? e.field + ': ' : '') + e.message)));
    show(box, el('div', {class: 'verdict bad', id: box.id + '-problem', 'data-code': p.code || ''},
      p.status === 422 && withNext ? t('unreadable') : p.detail || t('failed')), list,
      withNext ? suggestionBox(p.suggestion) : null, withNext ? nextSteps(null) : null);
  }

  async function call(url, options) {
    const res = await fetch(url, options);
    let body = null;
    try { body = await res.json(); } catch (e) { body = {status: res.status, detail: t('failed')}; }
    return {ok: res.ok, body};
  }

  async function verify(options, url) {
    show($('result'), el('p', {}, t('busy')));
    try {
      const r = await call(url || '/api/v1/verify', options);
      last = r.ok ? () => renderAnswer(r.body) : () => renderProblem($('result'), r.body, true);
    } catch (e) {
      last = () => show($('result'), el('p', {class: 'errors'}, t('failed')));
    }
    last();
  }

  async function lookupNie() {
    const nie = $('nie').value.trim();
    if (!nie) { return; }
    const r = await call('/api/v1/products/' + encodeURIComponent(nie));
    if (r.ok) { show($('nie-result'), productList(r.body)); } else { renderProblem($('nie-result'), r.body, false); }
  }

  function showComplaint(box, c, intro) {
    const dl = el('dl', {}, el('dt', {}, t('tracking')), el('dd', {id: box.id + '-number'}, c.trackingNumber),
      el('dt', {}, t('status')), el('dd', {id: box.id + '-status'}, c.status),
      el('dt', {}, t('answer')), el('dd', {}, c.answer || t('noAnswer')));
    show(box, intro ? el('p', {}, intro) : null, dl);
  }

  document.addEventListener('DOMContentLoaded', () => {
    applyLanguage();
    $('lang').addEventListener('click', () => {
      lang = lang === 'id' ? 'en' : 'id';
      localStorage.setItem('lacak.lang', lang);
      applyLanguage();
    });
    $('verify-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      verify({method: 'POST', headers: {'content-type': 'application/json'},
        body: JSON.stringify({code: $('code').value})});
    });
    $('photo').addEventListener('change', () => {
      const file = $('photo').files[0];
      if (file) {
        const form = new FormData();
        form.append('photo', file);
        verify({method: 'POST', body: form});
      }
    });
    $('nie-form').addEventListener('submit', (ev) => { ev.preventDefault(); lookupNie(); });
    $('complaint-form').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const r = await call('/api/v1/complaints', {method: 'POST', body: new FormData($('complaint-form'))});
      if (r.ok) {
        showComplaint($('complaint-result'), r.body, t('sent'));
        $('complaint-form').reset();
      } else {
        renderProblem($('complaint-result'), r.body, false);
      }
    });
    $('track-form').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const r = await call('/api/v1/complaints/' + encodeURIComponent($('tracking').value.trim()));
      if (r.ok) { showComplaint($('track-result'), r.body, null); } else { renderProblem($('track-result'), r.body, false); }
    });
  });
})();
