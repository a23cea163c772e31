'use strict';
// Company registration (seed 002) and its revision: without parameters the page registers
// (POST /api/v1/companies); with ?id=&key= from a "returned for revision" notice it sends the
// revised data (POST /api/v1/companies/{id}/revision?key=...). Every problem the server lists is
// shown beside its field name; all server text is set as text.
(function () {
  const $ = (id) => document.getElementById(id);

  function show(title, lines, ok) {
    const box = $('company-result');
    const p = document.createElement('p');
    p.className = 'verdict ' + (ok ? 'ok' : 'bad');
    p.id = 'company-message';
    p.textContent = title;
    const list = document.createElement('ul');
    list.id = 'company-errors';
    for (const line of lines) {
      const li = document.createElement('li');
      li.textContent = line;
      list.appendChild(li);
    }
    box.replaceChildren(p, list);
    box.hidden = false;
  }

  document.addEventListener('DOMContentLoaded', () => {
    const params = new URLSearchParams(window.location.search);
    const id = params.get('id');
    const key = params.get('key');
    const revision = id !== null && key !== null;
    if (revision) {
      $('company-title').textContent = 'Perbaikan registrasi industri ' + id + ' / Revision of company registration ' + id;
      $('documents-hint').hidden = false;
    }
    $('company-form').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const form = new FormData($('company-form'));
      for (const [name, value] of Array.from(form.entries())) {
        if (value instanceof File && value.size === 0) {
          form.delete(name); // a document not chosen is not sent
        }
      }
      const url = revision
        ? '/api/v1/companies/' + encodeURIComponent(id) + '/revision?key=' + encodeURIComponent(key)
        : '/api/v1/companies';
      $('company-btn').disabled = true;
      try {
        const res = await fetch(url, {method: 'POST', body: form});
        const body = await res.json().catch(() => ({}));
        if (res.ok) {
          show('Registrasi nomor ' + body.id + ' diterima (' + body.status + '); pemberitahuan dikirim ke e-mail penanggung jawab.'
            + ' / Registration number ' + body.id + ' received (' + body.status + '); notices go to the responsible person\'s e-mail.',
            [], true);
          $('company-form').hidden = true;
        } else {
          const errors = Array.isArray(body.errors) ? body.errors.map((e) => e.field + ': ' + e.message) : [];
          show(body.detail || ('Gagal / failed (' + res.status + ')'), errors, false);
        }
      } finally {
        $('company-btn').disabled = false;
      }
    });
  });
})();
