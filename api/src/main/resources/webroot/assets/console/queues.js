// The regulator's queues (issue 20): facility access requests (Lampiran B), company registrations
// (seed 002), product applications (ASROT, seed 000), certifications (seed 002), payment orders (SPB)
// to confirm, and complaints (Lampiran M.b) to answer. Each item with its documents and history, and
// the steps its status allows, over the same JSON API as any client.
import {add, t, has, current, onChange} from './i18n.js';
import {call, download} from './api.js';
import {$, el, show, txt, when, table, problem, checkRequired, fieldError, clearErrors} from './ui.js';

add({
  queuesHeading: ['Antrean keputusan', 'Decision queues'], queueLabel: ['Antrean', 'Queue'],
  qFacilities: ['Permintaan akses sarana (Lampiran B)', 'Facility access requests (Lampiran B)'],
  qCompanies: ['Pendaftaran perusahaan', 'Company registrations'], qApplications: ['Pendaftaran produk (ASROT)', 'Product applications (ASROT)'],
  qCertifications: ['Sertifikasi (CPOTB/CPOB)', 'Certifications'], qPayments: ['Pembayaran SPB', 'Payment orders (SPB)'],
  qComplaints: ['Pengaduan masyarakat (Lampiran M)', 'Complaints from the public (Lampiran M)'],
  open: ['Buka', 'Open'], queueEmpty: ['Antrean kosong.', 'The queue is empty.'], queueMore: ['Muat lebih banyak', 'Show more'], documents: ['Dokumen', 'Documents'], history: ['Riwayat', 'History'],
  noDocuments: ['Tanpa dokumen.', 'No documents.'], decisionLegend: ['Keputusan', 'Decision'], note: ['Catatan', 'Note'],
  noteRequired: ['Catatan (wajib untuk {choice})', 'Note (required to {choice})'], sendDecision: ['Kirim keputusan', 'Send the decision'],
  decided: ['Tersimpan: status sekarang {status}.', 'Saved: the status is now {status}.'], statusCol: ['Status', 'Status'],
  filed: ['Diajukan', 'Filed'], by: ['Oleh', 'By'], at: ['Waktu', 'At'], name: ['Nama', 'Name'], number: ['Nomor', 'Number'],
  partnerIdOptional: ['Partner ID (boleh kosong: dibuat otomatis)', 'Partner ID (may be left empty: generated)'],
  facilityType: ['Jenis sarana', 'Facility type'], amount: ['Jumlah (rupiah)', 'Amount (rupiah)'], result: ['Hasil inspeksi', 'Inspection result'],
  billingNumber: ['Kode billing', 'Billing number'], purpose: ['Keperluan', 'Purpose'], subject: ['Untuk', 'For'],
  confirmPayment: ['Konfirmasi pembayaran', 'Confirm the payment'], paidAmount: ['Jumlah yang dibayar (rupiah)', 'Amount paid (rupiah)'],
  paid: ['Pembayaran {billing} dikonfirmasi.', 'Payment {billing} confirmed.'],
  answer: ['Jawaban untuk pelapor', 'Answer to the complainant'], complaintStatus: ['Status pengaduan', 'Complaint status'],
  answered: ['Jawaban terkirim: {status}.', 'Answer sent: {status}.'], question: ['Pertanyaan', 'Question'], photo: ['Lihat foto', 'Show the photo'],
  trackingNumber: ['Nomor pelacakan', 'Tracking number'], productName: ['Produk', 'Product'],
  // the decisions and statuses of the registration workflows
  APPROVE: ['Setujui', 'Approve'], REJECT: ['Tolak', 'Reject'], RETURN: ['Kembalikan untuk perbaikan', 'Return for revision'],
  APPROVE_PRE_REGISTRATION: ['Setujui pra-registrasi', 'Approve the pre-registration'], VERIFY: ['Berkas lengkap (terbitkan SPB)', 'Documents complete (issue the SPB)'],
  REQUEST_DATA: ['Minta tambahan data', 'Ask for more data'], REVISE: ['Minta perbaikan', 'Ask for a revision'],
  INSPECTED: ['Catat hasil inspeksi', 'Record the inspection'], ACCEPT_CAPA: ['Terima CAPA', 'Accept the CAPA'], REVISE_CAPA: ['Minta perbaikan CAPA', 'Ask to revise the CAPA'],
  NO_FINDINGS: ['Tanpa temuan', 'No findings'], CAPA_REQUIRED: ['Perlu CAPA', 'CAPA required'], FAILED: ['Tidak memenuhi syarat', 'Failed'],
  SUBMITTED: ['diajukan', 'submitted'], APPROVED: ['disetujui', 'approved'], REJECTED: ['ditolak', 'rejected'], RETURNED: ['dikembalikan', 'returned'],
  PRE_REGISTRATION_PAYMENT: ['menunggu pembayaran pra-registrasi', 'awaiting the pre-registration payment'],
  PRE_REGISTRATION_EVALUATION: ['evaluasi pra-registrasi', 'pre-registration evaluation'], REGISTRATION_UPLOAD: ['unggah berkas registrasi', 'registration upload'],
  COUNTER_CHECK: ['pemeriksaan berkas (loket)', 'counter check'], REGISTRATION_PAYMENT: ['menunggu pembayaran registrasi', 'awaiting the registration payment'],
  EVALUATION: ['evaluasi', 'evaluation'], ADDITIONAL_DATA: ['menunggu tambahan data', 'awaiting more data'],
  REVISION: ['perbaikan', 'revision'], PAYMENT: ['menunggu pembayaran', 'awaiting payment'], INSPECTION: ['inspeksi', 'inspection'],
  CAPA: ['menunggu CAPA', 'awaiting the CAPA'], CAPA_REVIEW: ['penilaian CAPA', 'CAPA review'], CERTIFIED: ['tersertifikasi', 'certified'],
  RECEIVED: ['diterima', 'received'], IN_PROGRESS: ['diproses', 'in progress'], ANSWERED: ['dijawab', 'answered'],
  MANUFACTURER: ['Industri farmasi', 'Manufacturer'], DISTRIBUTOR: ['PBF', 'Distributor'], PHARMACY: ['Apotek', 'Pharmacy'],
  HOSPITAL: ['Rumah sakit', 'Hospital'], CLINIC: ['Klinik', 'Clinic'],
  // Pasal 2(2): the products a facility access request names, which route it (Lampiran B)
  DRUG: ['Obat', 'Drugs'], TRADITIONAL_MEDICINE: ['Obat tradisional', 'Traditional medicine'],
  HEALTH_SUPPLEMENT: ['Suplemen kesehatan', 'Health supplements'], QUASI_DRUG: ['Obat kuasi', 'Quasi-drugs'],
  COSMETIC: ['Kosmetika', 'Cosmetics'], PROCESSED_FOOD: ['Pangan olahan', 'Processed food'],
  SPECIAL_DIET_FOOD: ['Pangan diet khusus', 'Special diet food'],
  f_status: ['Status', 'Status'], f_type: ['Jenis', 'Type'], f_name: ['Nama', 'Name'], f_address: ['Alamat', 'Address'],
  f_npwp: ['NPWP', 'NPWP'], f_nib: ['NIB', 'NIB'], f_responsiblePerson: ['Penanggung jawab', 'Responsible person'],
  f_phone: ['Telepon', 'Phone'], f_email: ['Surel', 'E-mail'], f_createdAt: ['Diajukan', 'Filed'], f_note: ['Catatan', 'Note'],
  f_question: ['Pertanyaan', 'Question'], f_productName: ['Produk', 'Product'], f_batch: ['Bets', 'Batch'], f_nie: ['NIE', 'NIE'],
  f_purchasePlace: ['Tempat pembelian', 'Bought at'], f_purchaseAddress: ['Alamat tempat pembelian', 'Address of the shop'],
  f_trackingNumber: ['Nomor pelacakan', 'Tracking number'], f_holder: ['Pemilik', 'Holder'], f_commodity: ['Komoditas', 'Commodity'],
  f_commodities: ['Komoditas', 'Commodities'], f_directorates: ['Ditujukan kepada', 'Routed to'], f_letterNumber: ['Nomor surat', 'Letter number'], f_letterDate: ['Tanggal surat', 'Letter date'],
  f_number: ['Nomor', 'Number'], f_dosageForm: ['Bentuk sediaan', 'Dosage form'], f_leader: ['Pimpinan', 'Leader']
});

/**
 * Every queue: where its items come from, its columns, and for an item the steps its status allows
 * ({@code steps}: [choice, note required, extra fields]) and where a step is sent ({@code send}).
 */
const QUEUES = {
  facilities: {
    label: 'qFacilities', list: '/api/v1/facility-requests?status=SUBMITTED', key: 'requests',
    columns: [['id', 'number'], ['name', 'name'], ['type', 'facilityType'], ['commodities', 'f_commodities'], ['createdAt', 'filed']],
    detail: (x) => '/api/v1/facility-requests/' + x.id, title: (x) => x.name,
    steps: () => [['APPROVE', false, ['partnerId', 'type']], ['REJECT', true, []]],
    send: (x, v) => ['/api/v1/facility-requests/' + x.id + '/decision', v]
  },
  companies: {
    label: 'qCompanies', list: '/api/v1/companies?status=SUBMITTED', key: 'companies',
    columns: [['id', 'number'], ['name', 'name'], ['npwp', 'NPWP'], ['createdAt', 'filed']],
    detail: (x) => '/api/v1/companies/' + x.id, title: (x) => x.name,
    steps: () => [['APPROVE', false, []], ['RETURN', true, []], ['REJECT', true, []]],
    send: (x, v) => ['/api/v1/companies/' + x.id + '/decision', v]
  },
  applications: {
    label: 'qApplications', list: '/api/v1/product-applications?waitingFor=REGULATOR', key: 'applications',
    columns: [['number', 'number'], ['name', 'name'], ['holder', 'subject'], ['status', 'statusCol']],
    detail: (x) => '/api/v1/product-applications/' + x.id, title: (x) => x.name,
    steps: (x) => ({
      PRE_REGISTRATION_EVALUATION: [['APPROVE_PRE_REGISTRATION', false, []], ['REJECT', true, []]],
      COUNTER_CHECK: [['VERIFY', false, []], ['RETURN', true, []]],
      EVALUATION: [['APPROVE', false, []], ['REQUEST_DATA', true, []], ['REJECT', true, []]]
    })[x.status] || [],
    // ASROT names its steps "action"
    send: (x, v) => ['/api/v1/product-applications/' + x.id + '/actions', Object.assign({action: v.decision}, v, {decision: undefined})]
  },
  certifications: {
    label: 'qCertifications', list: '/api/v1/certifications?waitingFor=REGULATOR', key: 'certifications',
    columns: [['id', 'number'], ['type', 'facilityType'], ['letterNumber', 'number'], ['status', 'statusCol']],
    detail: (x) => '/api/v1/certifications/' + x.id, title: (x) => x.type + ' ' + x.letterNumber,
    steps: (x) => ({
      SUBMITTED: [['APPROVE', false, ['amount']], ['REVISE', true, []]],
      INSPECTION: [['INSPECTED', false, ['result']]],
      CAPA_REVIEW: [['ACCEPT_CAPA', false, []], ['REVISE_CAPA', true, []]]
    })[x.status] || [],
    send: (x, v) => ['/api/v1/certifications/' + x.id + '/decision', v]
  },
  payments: {label: 'qPayments'},
  complaints: {
    label: 'qComplaints', list: '/api/v1/complaints?waitingFor=REGULATOR', key: 'complaints',
    columns: [['trackingNumber', 'trackingNumber'], ['productName', 'productName'], ['status', 'statusCol'], ['createdAt', 'filed']],
    title: (x) => x.trackingNumber
  }
};

/** Items read at a time; "more" reads the next page, below the last item's id. */
const PAGE = 50;

let kind = 'facilities';
let items = [];
let item = null;
let answer = null;

const label = (k) => (has(k) ? t(k) : k);
/** A field's name in the page's language (the API's name when it has none). */
const fieldName = (k) => (has('f_' + k) ? t('f_' + k) : k);

/** One page of queue {@code q} below id {@code before} (none: the newest): {rows, more}, or the problem. */
async function listed(q, before) {
  const r = await call(q.list + '&limit=' + PAGE + (before ? '&beforeId=' + before : ''));
  if (!r.ok) { return r.body; }
  return {rows: r.body[q.key], more: r.body[q.key].length === PAGE};
}

/**
 * The SPBs not paid yet: those of the applications and certifications that wait for a payment
 * (?waitingFor=PAYMENT, a page of each), each read with its orders.
 */
async function unpaid(before) {
  const page = (path) => call(path + '?waitingFor=PAYMENT&limit=' + PAGE + (before ? '&beforeId=' + before : ''));
  const [a, c] = await Promise.all([page('/api/v1/product-applications'), page('/api/v1/certifications')]);
  if (!a.ok || !c.ok) { return (a.ok ? c : a).body; }
  const waiting = a.body.applications.map((x) => ['/api/v1/product-applications/' + x.id, x.number + ' · ' + x.name])
    .concat(c.body.certifications.map((x) => ['/api/v1/certifications/' + x.id, x.type + ' ' + x.letterNumber]));
  const details = await Promise.all(waiting.map(([path]) => call(path)));
  const rows = details.flatMap((r, i) => (r.ok ? r.body.paymentOrders || [] : []).filter((o) => !o.paidAt)
    .map((o) => Object.assign({}, o, {id: o.billingNumber, subject: waiting[i][1]})));
  return {rows, more: false};
}

let more = false;

/** The queue's first page, or ({@code next}) the page after the items shown. */
async function load(next = false) {
  const q = QUEUES[kind];
  item = null;
  $('q-item').hidden = true;
  const before = next && items.length ? items[items.length - 1].id : null;
  const page = kind === 'payments' ? await unpaid() : await listed(q, before);
  if (!page || !Array.isArray(page.rows)) { problem($('q-list'), page || {}); return; }
  items = next ? items.concat(page.rows) : page.rows;
  more = page.more;
  renderList();
}

function cell(k, x) {
  if (k === 'open') {
    // a complaint is known by its tracking number, an SPB by its billing number, the rest by their id
    const b = el('button', {type: 'button', class: 'small open', 'data-id': String(kind === 'complaints' ? x.trackingNumber : x.id)}, t('open'));
    b.addEventListener('click', () => openItem(x));
    return b;
  }
  if (['createdAt', 'issuedAt', 'at'].includes(k)) { return when(x[k]); }
  if (['status', 'type', 'purpose'].includes(k)) { return label(x[k]); }
  if (Array.isArray(x[k])) { return x[k].map(label).join(', ') || txt(null); }
  return txt(x[k]);
}

function renderList() {
  const columns = kind === 'payments'
    ? [['billingNumber', 'billingNumber'], ['subject', 'subject'], ['purpose', 'purpose'], ['amount', 'amount'], ['issuedAt', 'filed']]
    : QUEUES[kind].columns;
  if (!items.length) { show($('q-list'), el('p', {id: 'queue-empty'}, t('queueEmpty'))); return; }
  const list = table('queue-table', columns.concat([['open', '']]).map(([k, l]) => [k, l ? label(l) : '']), items, cell);
  if (!more) { show($('q-list'), list); return; }
  const next = el('button', {type: 'button', id: 'q-more', class: 'small'}, t('queueMore'));
  next.addEventListener('click', () => load(true));
  show($('q-list'), list, next);
}

async function openItem(x) {
  const q = QUEUES[kind];
  let full = x;
  if (q.detail) {
    const r = await call(q.detail(x));
    if (!r.ok) { problem($('q-list'), r.body); return; }
    full = r.body;
  }
  item = full;
  answer = null;
  renderItem();
  $('q-item').hidden = false;
  $('q-item-title').focus();
}

/** A list member as read: a directorate by its name in the page's language, a code by its label. */
const shown = (v) => (v && typeof v === 'object' ? (current() === 'en' ? v.nameEn : v.nameId) : label(txt(v)));

/** The item's own fields (not its documents, history or nested records) as a definition list. */
function details(x) {
  const skip = ['documents', 'history', 'paymentOrders', 'composition', 'dosageForms', 'product', 'oss', 'certificate', 'id'];
  const dl = el('dl', {id: 'q-fields'});
  Object.entries(x).filter(([k, v]) => !skip.includes(k) && v !== null && v !== '' && (typeof v !== 'object' || Array.isArray(v)))
    .forEach(([k, v]) => dl.append(el('dt', {}, fieldName(k)), el('dd', {'data-field': k},
      Array.isArray(v) ? v.map(shown).join(', ') : ['status', 'type'].includes(k) ? label(v) : k.endsWith('At') ? when(v) : txt(v))));
  return dl;
}

function documents(x) {
  const docs = x.documents || [];
  if (!docs.length) { return el('p', {class: 'note'}, t('noDocuments')); }
  return el('ul', {id: 'q-docs'}, docs.map((d) => {
    const b = el('button', {type: 'button', class: 'small', 'data-id': String(d.id)}, (d.kind ? d.kind + ': ' : '') + d.fileName);
    b.addEventListener('click', () => download('/api/v1/documents/' + d.id, d.fileName));
    return el('li', {}, b);
  }));
}

function history(x) {
  const steps = x.history || [];
  return steps.length ? table('history-table', [['status', t('statusCol')], ['note', t('note')], ['by', t('by')], ['at', t('at')]], steps,
    (k, s) => (k === 'at' ? when(s.at) : k === 'status' ? label(s.status) : txt(s[k]))) : el('p', {class: 'note'}, '—');
}

/** The form of the item's next step: the choices its status allows, a note, and the fields a choice needs. */
function stepForm(x) {
  const form = el('form', {id: 'q-form', novalidate: ''});
  if (kind === 'payments') {
    form.append(el('label', {for: 'q-amount'}, t('paidAmount')),
      el('input', {id: 'q-amount', name: 'amount', type: 'number', min: '1', required: '', inputmode: 'numeric'}),
      el('button', {type: 'submit', id: 'q-send'}, t('confirmPayment')));
  } else if (kind === 'complaints') {
    const status = el('select', {id: 'q-status', name: 'status'},
      ['ANSWERED', 'IN_PROGRESS', 'CLOSED'].map((s) => el('option', {value: s}, label(s))));
    form.append(el('label', {for: 'q-answer'}, t('answer')), el('textarea', {id: 'q-answer', name: 'answer', required: '', maxlength: '4000'}),
      el('label', {for: 'q-status'}, t('complaintStatus')), status, el('button', {type: 'submit', id: 'q-send'}, t('sendDecision')));
  } else {
    const steps = QUEUES[kind].steps(x);
    if (!steps.length) { return el('p', {class: 'note', id: 'q-no-step'}, label(x.status)); }
    const fieldset = el('fieldset', {}, el('legend', {}, t('decisionLegend')), steps.map(([choice], i) => el('label', {class: 'inline'},
      el('input', {type: 'radio', name: 'decision', value: choice, id: 'q-' + choice, checked: i === 0 ? '' : null}), el('span', {}, label(choice)))));
    form.append(fieldset);
    const extras = {
      partnerId: () => [el('label', {for: 'q-partnerId'}, t('partnerIdOptional')), el('input', {id: 'q-partnerId', name: 'partnerId', maxlength: '32', autocomplete: 'off'})],
      type: () => [el('label', {for: 'q-type'}, t('facilityType')), el('select', {id: 'q-type', name: 'type'},
        ['MANUFACTURER', 'DISTRIBUTOR', 'PHARMACY', 'HOSPITAL', 'CLINIC'].map((v) => el('option', {value: v, selected: v === x.type ? '' : null}, label(v))))],
      amount: () => [el('label', {for: 'q-amount'}, t('amount')), el('input', {id: 'q-amount', name: 'amount', type: 'number', min: '1', inputmode: 'numeric'})],
      result: () => [el('label', {for: 'q-result'}, t('result')), el('select', {id: 'q-result', name: 'result'},
        ['NO_FINDINGS', 'CAPA_REQUIRED', 'FAILED'].map((v) => el('option', {value: v}, label(v))))]
    };
    [...new Set(steps.flatMap(([, , f]) => f))].forEach((f) => form.append(el('div', {class: 'extra', 'data-for': f}, extras[f]())));
    const needing = steps.filter(([, n]) => n).map(([c]) => label(c).toLowerCase());
    form.append(el('label', {for: 'q-note'}, needing.length ? t('noteRequired', {choice: needing.join(' / ')}) : t('note')),
      el('textarea', {id: 'q-note', name: 'note', maxlength: '2000'}), el('button', {type: 'submit', id: 'q-send'}, t('sendDecision')));
    const showExtras = () => {
      const chosen = steps.find(([c]) => form.querySelector('#q-' + c).checked);
      form.querySelectorAll('.extra').forEach((e) => { e.hidden = !chosen[2].includes(e.dataset.for); });
    };
    form.addEventListener('change', showExtras);
    showExtras();
  }
  form.addEventListener('submit', (ev) => { ev.preventDefault(); send(form); });
  return form;
}

function renderItem() {
  if (!item) { return; }
  const q = QUEUES[kind];
  $('q-item-title').textContent = kind === 'payments' ? t('confirmPayment') + ' ' + item.billingNumber : q.title(item);
  const extra = [];
  if (kind === 'complaints' && item.hasPhoto) {
    const b = el('button', {type: 'button', class: 'small', id: 'q-photo'}, t('photo'));
    b.addEventListener('click', () => download('/api/v1/complaints/' + encodeURIComponent(item.trackingNumber) + '/photo', item.trackingNumber + '.jpg'));
    extra.push(b);
  }
  $('q-details').replaceChildren(details(item), ...extra);
  $('q-documents').replaceChildren(documents(item));
  $('q-history').replaceChildren(history(item));
  $('q-step').replaceChildren(stepForm(item));
  if (answer) { show($('q-result'), el('p', {class: 'verdict ok', id: 'q-done'}, answer)); }
}

async function send(form) {
  clearErrors(form);
  $('q-result').hidden = true;
  if (!checkRequired(form)) { return; }
  const x = item;
  let path;
  let body;
  if (kind === 'payments') {
    [path, body] = ['/api/v1/payments', {billingNumber: x.billingNumber, amount: parseInt($('q-amount').value, 10)}];
  } else if (kind === 'complaints') {
    [path, body] = ['/api/v1/complaints/' + encodeURIComponent(x.trackingNumber) + '/answer', {answer: $('q-answer').value.trim(), status: $('q-status').value}];
  } else {
    const steps = QUEUES[kind].steps(x);
    const [choice, noteNeeded, fields] = steps.find(([c]) => form.querySelector('#q-' + c).checked);
    const note = $('q-note').value.trim();
    if (noteNeeded && !note) { fieldError($('q-note'), t('required')); $('q-note').focus(); return; }
    if (fields.includes('amount') && !$('q-amount').value) { fieldError($('q-amount'), t('required')); $('q-amount').focus(); return; }
    const v = {decision: choice};
    if (note) { v.note = note; }
    fields.forEach((f) => {
      const value = form.querySelector('[name="' + f + '"]').value.trim();
      if (value) { v[f] = f === 'amount' ? parseInt(value, 10) : value; }
    });
    [path, body] = QUEUES[kind].send(x, v);
  }
  const r = await call(path, {json: JSON.parse(JSON.stringify(body))}); // drops the undefined keys
  if (!r.ok) { problem($('q-result'), r.body, form); return; }
  answer = kind === 'payments' ? t('paid', {billing: x.billingNumber})
    : kind === 'complaints' ? t('answered', {status: label(r.body.status)})
      : t('decided', {status: label(r.body.status)}) + (r.body.partnerId && kind === 'facilities' ? ' Partner ID: ' + r.body.partnerId : '');
  const done = answer;
  await load(); // the decided item leaves the queue (or moves on within it)
  answer = done;
  show($('q-result'), el('p', {class: 'verdict ok', id: 'q-done'}, done));
}

export function mount() {
  items = [];
  item = null;
  answer = null;
  const choices = () => {
    $('q-kind').replaceChildren(...Object.entries(QUEUES).map(([k, q]) => el('option', {value: k}, t(q.label))));
    $('q-kind').value = kind;
  };
  onChange(() => { choices(); renderList(); renderItem(); });
  choices();
  $('q-kind').addEventListener('change', () => { kind = $('q-kind').value; answer = null; $('q-result').hidden = true; load(); });
  load();
}
