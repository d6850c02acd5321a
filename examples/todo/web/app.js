// The todo web client: lists, adds, edits and deletes todos through the HTTP API, cross-origin (CORS).
const form = document.querySelector('#todo-form');
const list = document.querySelector('#todos');
const status = document.querySelector('#status');
const saveButton = document.querySelector('#save');
const cancelButton = document.querySelector('#cancel');

/** The API's URL comes from the server that serves this page (hoplite.json), or ?api=URL. */
async function apiUrl() {
  const fromQuery = new URLSearchParams(location.search).get('api');
  if (fromQuery) return fromQuery.replace(/\/$/, '');
  const config = await (await fetch('hoplite.json')).json();
  return config.apis.todo.url;
}

const api = await apiUrl();

function show(message) {
  status.textContent = message;
}

function resetForm() {
  form.reset();
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
        const response = await fetch(`${api}/todos/${encodeURIComponent(todo.id)}`, { method: 'DELETE' });
        show(response.ok ? 'Deleted.' : `Delete failed: ${response.status}`);
        await load();
      });
      item.append(description, due, edit, remove);
      return item;
    }),
  );
}

async function load() {
  const response = await fetch(`${api}/todos`);
  if (!response.ok) return show(`Loading failed: ${response.status}`);
  const todos = await response.json();
  todos.sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '') || a.description.localeCompare(b.description));
  render(todos);
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const todo = {
    id: form.elements.id.value || crypto.randomUUID(),
    description: form.elements.description.value,
    priority: form.elements.priority.value,
    dueDate: form.elements.dueDate.value,
  };
  const response = await fetch(`${api}/todos`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(todo) });
  if (response.status === 422) {
    const { fieldErrors } = await response.json();
    return show(`Please fill in: ${Object.keys(fieldErrors).join(', ')}`);
  }
  show(response.ok ? 'Saved.' : `Save failed: ${response.status}`);
  resetForm();
  await load();
});

cancelButton.addEventListener('click', resetForm);

await load();
document.body.dataset.ready = 'true';
