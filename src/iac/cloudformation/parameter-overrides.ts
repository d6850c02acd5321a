/** `--parameter-overrides` as SAM CLI spells it: `Key=Value Key2="a b"` or `ParameterKey=K,ParameterValue=V`, space separated. */
import { ConfigError } from '../../errors.ts';

const SOURCE = '--parameter-overrides';
const LONG_FORM = /^ParameterKey=([^,]*),ParameterValue=(.*)$/s;
const SHORT_FORM = /^([^=]+)=(.*)$/s;
const KEY = /^[A-Za-z0-9]+$/;

/**
 * Each argument may hold several pairs separated by spaces; a value is quoted with `"` or `'` to hold spaces, and `\` escapes
 * the next character inside quotes. UNVERIFIED: SAM CLI's own matcher is a regular expression; this tokenizer accepts the
 * spellings its documentation shows, and reports anything else instead of guessing.
 */
export function parseParameterOverrides(args: string | readonly string[]): Map<string, string> {
  const overrides = new Map<string, string>();
  for (const token of (typeof args === 'string' ? [args] : args).flatMap(tokens)) {
    const match = LONG_FORM.exec(token) ?? SHORT_FORM.exec(token);
    const key = match?.[1];
    if (match === null || key === undefined || !KEY.test(key)) {
      throw new ConfigError(SOURCE, [{ path: token, message: 'expected Key=Value or ParameterKey=Key,ParameterValue=Value, with an alphanumeric key' }]);
    }
    overrides.set(key, match[2] ?? '');
  }
  return overrides;
}

/** Splits on unquoted spaces and removes the quotes: `A="x y" B=z` → `A=x y`, `B=z`. */
function tokens(text: string): string[] {
  const found: string[] = [];
  let current = '';
  let quote: string | undefined;
  let inToken = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quote !== undefined) {
      if (char === '\\' && i + 1 < text.length) current += text[++i];
      else if (char === quote) quote = undefined;
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inToken = true;
    } else if (/\s/.test(char)) {
      if (inToken) found.push(current);
      current = '';
      inToken = false;
    } else {
      current += char;
      inToken = true;
    }
  }
  if (quote !== undefined) throw new ConfigError(SOURCE, [{ path: text, message: `a value opened with ${quote} is never closed` }]);
  if (inToken) found.push(current);
  return found;
}
