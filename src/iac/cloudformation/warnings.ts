/** Something in a template Hoplite ignores or approximates on purpose, said once with its place. */
import { pathText, type SourcePositions, type TemplatePath } from './positions.ts';

export interface TemplateWarning {
  /** `template.yaml:12:7`. */
  location: string;
  /** `Resources.Fn.Properties.Code`. */
  path: string;
  message: string;
}

export function templateWarning(positions: SourcePositions, path: TemplatePath, message: string): TemplateWarning {
  return { location: positions.locate(path), path: pathText(path), message };
}
