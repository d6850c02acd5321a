/** Errors in a template, each naming file:line:column, the path inside the template and what was expected there. */
import { ConfigError } from '../../errors.ts';
import { pathText, type SourcePositions, type TemplatePath } from './positions.ts';

export function templateError(positions: SourcePositions, path: TemplatePath, message: string): ConfigError {
  return new ConfigError(positions.locate(path), [{ path: pathText(path), message }]);
}
