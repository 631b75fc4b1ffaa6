// Exchanges the API token, or the one-time code of `pbm dashboard` (in the URL's fragment, never sent to a server
// log), for the dashboard's HttpOnly session cookie.
const error = document.getElementById('error');

async function login(body) {
  const response = await fetch('/dashboard/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (response.status === 204) {
    location.replace('/dashboard/');
    return;
  }
  let message = `login failed (${response.status})`;
  try {
    const problem = await response.json();
    message = problem.detail ? `${problem.error}: ${problem.detail}` : problem.error;
  } catch { /* not JSON */ }
  error.textContent = message;
}

const code = new URLSearchParams(location.hash.slice(1)).get('code');
if (code) {
  history.replaceState(null, '', location.pathname);
  login({ code });
}

document.getElementById('login').addEventListener('submit', (event) => {
  event.preventDefault();
  login({ token: document.getElementById('token').value });
});
