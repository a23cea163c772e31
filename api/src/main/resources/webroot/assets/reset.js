'use strict';
// The page a password reset e-mail links to: sets a new password with the one-time token of the
// link (POST /api/v1/password-resets/complete). The token never leaves this page except to that call.
(function () {
  const $ = (id) => document.getElementById(id);

  function show(text, ok) {
    const box = $('reset-result');
    const p = document.createElement('p');
    p.className = 'verdict ' + (ok ? 'ok' : 'bad');
    p.id = 'reset-message';
    p.textContent = text;
    box.replaceChildren(p);
    box.hidden = false;
  }

  document.addEventListener('DOMContentLoaded', () => {
    const token = new URLSearchParams(window.location.search).get('token');
    if (!token) {
      show('Tautan atur ulang tidak lengkap. / The reset link is incomplete.', false);
      $('reset-form').hidden = true;
      return;
    }
    $('reset-form').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if ($('password').value !== $('password2').value) {
        show('Kata sandi tidak sama. / The passwords differ.', false);
        return;
      }
      const res = await fetch('/api/v1/password-resets/complete', {method: 'POST',
        headers: {'content-type': 'application/json'},
        body: JSON.stringify({token: token, newPassword: $('password').value})});
      const body = await res.json().catch(() => ({}));
      if (res.ok) {
        show('Kata sandi akun ' + body.username + ' diubah. Silakan masuk. / The password of ' + body.username
          + ' is changed. Please log in.', true);
        $('reset-form').hidden = true;
      } else {
        show((body.detail || 'Atur ulang gagal. / The reset failed.'), false);
      }
    });
  });
})();
