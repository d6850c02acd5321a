/** The one reader that touches the file system: a template file's text, parsed. */
import { readFileSync } from 'node:fs';
import { HopliteError } from '../../errors.ts';
import { type ParsedTemplate, parseTemplate } from './parse-template.ts';

export function readTemplateFile(path: string): ParsedTemplate {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new HopliteError('HOPLITE_ERR_CONFIG_LOAD', `${path}: the template could not be read: ${(error as Error).message}`, { cause: error });
  }
  return parseTemplate(text, path);
}
