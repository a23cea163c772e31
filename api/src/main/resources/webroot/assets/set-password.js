'use strict';
// The pages one-time links open (activate.html: an approval's first password; reset.html: a
// password reset): set a password with the link's token. The form names its endpoint, the body
// member for the password, its element id prefix and its messages (data-*); the token never
// leaves the page except to that call.
(function () {
  const $ = (id) => document.getElementById(id);

  document.addEventListener('DOMContentLoaded', () => {
    const form = document.querySelector('form[data-endpoint]');
    const page = form.dataset.page;

    function show(text, ok) {
      const box = $(page + '-result');
      const p = document.createElement('p');
      p.className = 'verdict ' + (ok ? 'ok' : 'bad');
      p.id = page + '-message';
      p.textContent = text;
      box.replaceChildren(p);
      box.hidden = false;
    }

    const token = new URLSearchParams(window.location.search).get('token');
    if (!token) {
      show(form.dataset.incomplete, false);
      form.hidden = true;
      return;
    }
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if ($('password').value !== $('password2').value) {
        show('Kata sandi tidak sama. / The passwords differ.', false);
        return;
      }
      const res = await fetch(form.dataset.endpoint, {method: 'POST', headers: {'content-type': 'application/json'},
        body: JSON.stringify({token: token, [form.dataset.field]: $('password').value})});
      const body = await res.json().catch(() => ({}));
      if (res.ok) {
        show(form.dataset.done.split('{username}').join(body.username), true);
        form.hidden = true;
      } else {
        show(body.detail || form.dataset.failed, false);
      }
    });
  });
})();
