// The open todo web client: the list of todos.js against the API named `todo`, with no sign-in.
import { apiUrl, showError, showTodos } from './todos.js';

let api;
try {
  api = await apiUrl('todo');
} catch {
  showError('Cannot find the API: open this page from hoplite dev, or give its URL as ?api=URL.');
}
if (api) await showTodos(api);
document.body.dataset.ready = 'true';
