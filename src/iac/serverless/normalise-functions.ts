/** `functions`: each with its handler split into file and export, its environment over the provider's, and its events. */
import type { Checker } from './checker.ts';
import { normaliseEvents } from './normalise-events.ts';
import { normaliseFunctionLayers } from './normalise-layers.ts';
import { normaliseEnvironment } from './normalise-provider.ts';
import type { ServerlessFunction, ServerlessProvider } from './types.ts';

/** The Framework's defaults for a function that sets neither memory nor timeout, here nor in provider. */
export const DEFAULT_MEMORY_MB = 1024;
export const DEFAULT_TIMEOUT_SECONDS = 6;

export function normaliseFunctions(value: unknown, service: string, provider: ServerlessProvider, check: Checker): ServerlessFunction[] {
  const functions = check.object(value, ['functions']) ?? {};
  const result: ServerlessFunction[] = [];
  for (const [key, definition] of Object.entries(functions)) {
    const keys = ['functions', key];
    const settings = check.object(definition, keys);
    if (!settings) continue;
    const handler = splitHandler(settings.handler, [...keys, 'handler'], check);
    if (!handler) continue;
    const fn: ServerlessFunction = {
      key,
      name: check.string(settings.name, [...keys, 'name']) ?? `${service}-${provider.stage}-${key}`,
      handler,
      environment: { ...provider.environment, ...normaliseEnvironment(settings.environment, [...keys, 'environment'], check) },
      memorySize: check.number(settings.memorySize, [...keys, 'memorySize']) ?? provider.memorySize ?? DEFAULT_MEMORY_MB,
      timeout: check.number(settings.timeout, [...keys, 'timeout']) ?? provider.timeout ?? DEFAULT_TIMEOUT_SECONDS,
      events: normaliseEvents(settings.events, [...keys, 'events'], provider.httpApi?.payload ?? '2.0', check),
    };
    const runtime = check.string(settings.runtime, [...keys, 'runtime']) ?? provider.runtime;
    if (runtime !== undefined) fn.runtime = runtime;
    // A function's own list replaces provider.layers, as the Framework compiles it.
    const layers = normaliseFunctionLayers(settings.layers, [...keys, 'layers'], check) ?? provider.layers;
    if (layers !== undefined) fn.layers = layers;
    if (settings.image !== undefined) check.warn([...keys, 'image'], 'container image functions are not run; the handler is run from its file');
    result.push(fn);
  }
  return result;
}

/** `src/chat.connect`: the file (no extension) before the last dot, the export after it. */
function splitHandler(value: unknown, keys: string[], check: Checker): ServerlessFunction['handler'] | undefined {
  const handler = check.string(value, keys);
  if (handler === undefined) return check.fail(keys, "expected the handler as 'path/file.export', e.g. src/chat.connect");
  const dot = handler.lastIndexOf('.');
  const slash = handler.lastIndexOf('/');
  if (dot <= slash + 1 || dot === handler.length - 1) return check.fail(keys, `expected 'path/file.export', e.g. src/chat.connect, got "${handler}"`);
  return { file: handler.slice(0, dot), export: handler.slice(dot + 1) };
}
