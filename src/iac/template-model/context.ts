/** What every resource mapper shares: the resolved template, its positions, the local names, errors and warnings said once. */
import type { ConfigError } from '../../errors.ts';
import type { ServiceModel } from '../../model/types.ts';
import type { ResolvedResource, ResolvedTemplate, SourcePositions, TemplatePath, TemplateWarning } from '../cloudformation/index.ts';
import { templateError } from '../cloudformation/template-error.ts';
import { templateWarning } from '../cloudformation/warnings.ts';

/** A file the mapping asks its caller to write: inline `ZipFile` code, placed under `.hoplite/` beside the template. */
export interface InlineCodeFile {
  /** Relative to the template's folder. */
  path: string;
  text: string;
}

export class MappingContext {
  readonly template: ResolvedTemplate;
  readonly positions: SourcePositions;
  readonly model: ServiceModel;
  readonly warnings: TemplateWarning[] = [];
  readonly inlineCode: InlineCodeFile[] = [];
  /** Local names by logical id: a function's FunctionName, a table's TableName, an API's Name. */
  readonly names = new Map<string, string>();
  /** The text of a file an API's definition names (DefinitionUri, BodyS3Location), relative to the template's folder. */
  readFile?: (path: string) => string;
  /** The template as written, before resolution: where a value was a `Ref` rather than the name it resolved to. */
  body: Record<string, unknown> = {};
  /** Whether a folder relative to the template's folder exists (a layer's ContentUri); absent: not checked. */
  directoryExists?: (path: string) => boolean;
  readonly #said = new Set<string>();

  constructor(template: ResolvedTemplate, positions: SourcePositions, model: ServiceModel) {
    this.template = template;
    this.positions = positions;
    this.model = model;
  }

  resource(id: string): ResolvedResource | undefined {
    return this.template.resources.get(id);
  }

  /** Logical ids of the resources of a type, in template order. */
  idsOf(type: string): string[] {
    return [...this.template.resources].filter(([, resource]) => resource.type === type).map(([id]) => id);
  }

  error(path: TemplatePath, message: string): ConfigError {
    return templateError(this.positions, path, message);
  }

  /** Said once per `key` (by default the message): a property ignored by every function warns one time. */
  warn(path: TemplatePath, message: string, key = message): void {
    if (this.#said.has(key)) return;
    this.#said.add(key);
    this.warnings.push(templateWarning(this.positions, path, message));
  }
}

export const propertiesPath = (id: string, ...rest: (string | number)[]): (string | number)[] => ['Resources', id, 'Properties', ...rest];
