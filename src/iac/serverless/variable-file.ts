/** Reads what `${file(...)}` points at: YAML and JSON as data, JavaScript as its export (called if a function), else text. */
import { parseServerlessText } from './parse-document.ts';
import { ServerlessConfigError } from './serverless-error.ts';
import { callResolver, type SourceRequest } from './source-request.ts';
import { VariableError } from './variable-error.ts';

const JAVASCRIPT = new Set(['.js', '.cjs', '.mjs']);

/** The file's value, or undefined when it does not exist; `called` when a JavaScript function produced it. */
export async function readFileValue(
  path: string,
  shown: string,
  extension: string,
  request: SourceRequest,
): Promise<{ value: unknown; called: boolean } | undefined> {
  const { files } = request.context;
  if (JAVASCRIPT.has(extension)) {
    let exported: unknown;
    try {
      exported = await files.importModule(path);
    } catch (error) {
      throw new VariableError(`${shown} could not be loaded: ${(error as Error)?.message ?? String(error)}`);
    }
    if (exported === undefined) return undefined;
    if (typeof exported === 'function') return { value: await callResolver(exported, request, `the export of ${shown}`), called: true };
    return { value: await exported, called: false };
  }
  const text = await files.readText(path);
  if (text === undefined) return undefined;
  if (extension !== '.yml' && extension !== '.yaml' && extension !== '.json') return { value: text, called: false };
  try {
    return { value: parseServerlessText(text, shown).value, called: false };
  } catch (error) {
    if (error instanceof ServerlessConfigError) throw new VariableError(`${shown} cannot be parsed: ${error.message}`);
    throw error;
  }
}
