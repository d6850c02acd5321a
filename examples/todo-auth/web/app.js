// The signed-in todo web client: signs in at the local issuer's token endpoint, then shows that user's todos
// (todos.js, shared with the open client) with the token in `Authorization`. The local issuer stands in for the
// sign-in of Cognito or Auth0 during development: it signs any user name it is given and asks no password.
import { show, showError, showTodos, siteConfig } from './todos.js';

/** The audience the API's JWT authorizer accepts: this client's id at the issuer. */
const AUDIENCE = 'todo-web';

const signInForm = document.querySelector('#sign-in');
const signOutButton = document.querySelector('#sign-out');
const user = document.querySelector('#user');
const signedIn = document.querySelector('#signed-in');
const usernameInput = signInForm.elements.username;

/** The issuer's token endpoint and the API's URL, from hoplite.json; `undefined` when this page has none. */
async function endpoints() {
  const config = await siteConfig();
  if (!config.localIssuer) throw new Error('no local issuer');
  return { tokenEndpoint: config.localIssuer.tokenEndpoint, api: config.apis.todo.url };
}

/** OAuth 2.0's password grant: the answer's `access_token`, or `undefined` after showing why there is none. */
async function requestToken(tokenEndpoint, username, scope) {
  const body = new URLSearchParams({ grant_type: 'password', username, scope, audience: AUDIENCE });
  let response;
  try {
    response = await fetch(tokenEndpoint, { method: 'POST', body });
  } catch {
    showError(`Cannot reach the issuer at ${tokenEndpoint}. Is it running?`);
    return undefined;
  }
  const answer = await response.json();
  if (!response.ok) {
    showError(`Sign-in failed: ${answer.error_description ?? response.status}`);
    return undefined;
  }
  return answer.access_token;
}

function signOut() {
  user.textContent = '';
  signedIn.hidden = true;
  signOutButton.hidden = true;
  delete signInForm.dataset.user;
  usernameInput.focus();
  show('Signed out.');
}

let config;
signInForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!config) return showError('Cannot find the API and its issuer: open this page from hoplite dev.');
  const username = usernameInput.value.trim();
  if (username === '') {
    usernameInput.focus();
    return showError('Please fill in: user');
  }
  const scope = [...signInForm.querySelectorAll('input[name="scope"]:checked')].map((box) => box.value).join(' ');
  const token = await requestToken(config.tokenEndpoint, username, scope);
  if (!token) return;
  user.textContent = `Signed in as ${username}${scope ? ` (${scope})` : ' (no scopes)'}`;
  signedIn.hidden = false;
  signOutButton.hidden = false;
  show(`Welcome, ${username}.`);
  await showTodos(config.api, () => ({ authorization: `Bearer ${token}` }));
  // Who the list on the page belongs to, once it is loaded.
  signInForm.dataset.user = username;
});

signOutButton.addEventListener('click', signOut);

try {
  config = await endpoints();
} catch {
  showError('Cannot find the API and its issuer: open this page from hoplite dev.');
}
document.body.dataset.ready = 'true';
