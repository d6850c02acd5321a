// The todo list of the web clients: lists, adds, edits and deletes todos through the HTTP API, cross-origin (CORS).
// The open client (app.js) and the signed-in one (examples/todo-auth) share it; `authorization()` gives the
// headers each request carries.
const form = document.querySelector('#todo-form');
const list = document.querySelector('#todos');
const status = document.querySelector('#status');
const error = document.querySelector('#error');
const saveButton = document.querySelector('#save');
const cancelButton = document.querySelector('#cancel');
const descriptionInput = form.elements.description;

/** How long a confirmation such as "Saved." stays; errors stay until the next success. */
const STATUS_MS = 3000;
let statusTimer;

let api;
let authorization = () => ({});

/** hoplite.json, which the server that serves this page writes with the service's URLs. */
export async function siteConfig() {
  return (await fetch('hoplite.json')).json();
}

/** The API's URL: ?api=URL, else the API named `name` in hoplite.json. */
export async function apiUrl(name) {
  const fromQuery = new URLSearchParams(location.search).get('api');
  if (fromQuery) return fromQuery.replace(/\/$/, '');
  return (await siteConfig()).apis[name].url;
}

export function show(message) {
  clearTimeout(statusTimer);
  error.hidden = true;
  error.textContent = '';
  status.textContent = message;
  statusTimer = setTimeout(() => {
    status.textContent = '';
  }, STATUS_MS);
}

export function showError(message) {
  clearTimeout(statusTimer);
  status.textContent = '';
  error.textContent = message;
  error.hidden = false;
}

/** fetch against the API; a network failure (the API stopped, a wrong URL) becomes a visible error and `undefined`. */
async function callApi(path, init = {}) {
  try {
    return await fetch(`${api}${path}`, { ...init, headers: { ...init.headers, ...authorization() } });
  } catch {
    showError(`Cannot reach the API at ${api}. Is it running?`);
    return undefined;
  }
}

function resetForm() {
  form.reset();
  descriptionInput.removeAttribute('aria-invalid');
  form.elements.id.value = '';
  saveButton.textContent = 'Add';
  cancelButton.hidden = true;
}

function render(todos) {
  list.replaceChildren(
    ...todos.map((todo) => {
      const item = document.createElement('li');
      item.dataset.id = todo.id;
      const description = document.createElement('span');
      description.className = `description priority-${todo.priority}`;
      description.textContent = todo.description;
      const due = document.createElement('span');
      due.className = 'due';
      due.textContent = todo.dueDate ?? '';
      const edit = document.createElement('button');
      edit.textContent = 'Edit';
      edit.className = 'edit';
      edit.addEventListener('click', () => {
        form.elements.id.value = todo.id;
        form.elements.description.value = todo.description;
        form.elements.priority.value = todo.priority;
        form.elements.dueDate.value = todo.dueDate ?? '';
        saveButton.textContent = 'Save';
        cancelButton.hidden = false;
      });
      const remove = document.createElement('button');
      remove.textContent = 'Delete';
      remove.className = 'delete';
      remove.addEventListener('click', async () => {
        const response = await callApi(`/todos/${encodeURIComponent(todo.id)}`, { method: 'DELETE' });
        if (!response) return;
        if (!response.ok) return showError(`Delete failed: ${response.status}`);
        show('Deleted.');
        await load();
      });
      item.append(description, due, edit, remove);
      return item;
    }),
  );
}

async function load() {
  const response = await callApi('/todos');
  if (!response) return;
  if (!response.ok) return showError(`Loading failed: ${response.status}`);
  const todos = await response.json();
  todos.sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '') || a.description.localeCompare(b.description));
  render(todos);
}

function showFieldErrors(fields) {
  descriptionInput.setAttribute('aria-invalid', String(fields.includes('description')));
  showError(`Please fill in: ${fields.join(', ')}`);
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  // The API refuses a description of only spaces too; refusing it here sends nothing.
  if (descriptionInput.value.trim() === '') {
    descriptionInput.focus();
    return showFieldErrors(['description']);
  }
  descriptionInput.removeAttribute('aria-invalid');
  const todo = {
    id: form.elements.id.value || crypto.randomUUID(),
    description: descriptionInput.value,
    priority: form.elements.priority.value,
    dueDate: form.elements.dueDate.value,
  };
  const response = await callApi('/todos', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(todo) });
  if (!response) return;
  if (response.status === 422) return showFieldErrors(Object.keys((await response.json()).fieldErrors));
  if (!response.ok) return showError(`Save failed: ${response.status}`);
  show('Saved.');
  resetForm();
  await load();
});

cancelButton.addEventListener('click', resetForm);

/**
 * Shows the todos of the API at `url`; every request carries the headers `headers()` gives (none by default).
 * Called again (another user signed in), it starts over with an empty form.
 */
export async function showTodos(url, headers = () => ({})) {
  api = url;
  authorization = headers;
  resetForm();
  render([]);
  await load();
}
