'use strict';
// The page an approval's notice links to: sets the first password with the one-time token of the
// link (POST /api/v1/accounts/activate). The token never leaves this page except to that call.
(function () {
  const $ = (id) => document.getElementById(id);

  function show(text, ok) {
    const box = $('activate-result');
    const p = document.createElement('p');
    p.className = 'verdict ' + (ok ? 'ok' : 'bad');
    p.id = 'activate-message';
    p.textContent = text;
    box.replaceChildren(p);
    box.hidden = false;
  }

  document.addEventListener('DOMContentLoaded', () => {
    const token = new URLSearchParams(window.location.search).get('token');
    if (!token) {
      show('Tautan aktivasi tidak lengkap. / The activation link is incomplete.', false);
      $('activate-form').hidden = true;
      return;
    }
    $('activate-form').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if ($('password').value !== $('password2').value) {
        show('Kata sandi tidak sama. / The passwords differ.', false);
        return;
      }
      const res = await fetch('/api/v1/accounts/activate', {method: 'POST', headers: {'content-type': 'application/json'},
        body: JSON.stringify({token: token, password: $('password').value})});
      const body = await res.json().catch(() => ({}));
      if (res.ok) {
        show('Akun ' + body.username + ' aktif. Silakan masuk. / Account ' + body.username + ' is active. Please log in.', true);
        $('activate-form').hidden = true;
      } else {
        show((body.detail || 'Aktivasi gagal. / Activation failed.'), false);
      }
    });
  });
})();
