/** The kinds of definition files `hoplite dev` reads besides the TypeScript builder's, and what their importers return. */
import type { ServiceModel } from '../model/index.ts';

/** What the importers of other definition formats read from the command line (their flags); empty for TypeScript. */
export type ImportOptions = Readonly<Record<string, unknown>>;

/** A kind of definition file besides the TypeScript builder's: it says which files are its own and makes their model. */
export interface DefinitionFormat {
  /** The file names tried, in order, when `hoplite dev` gets no entry. */
  defaultNames: readonly string[];
  /** Said when a file fits no format: `a CloudFormation or SAM template ending in .yaml, .yml or .json`. */
  description: string;
  accepts(file: string): boolean;
  /** `cwd`: the folder `displayPath` is relative to. */
  load(file: string, displayPath: string, options: ImportOptions, cwd: string): Promise<ImportedService>;
}

/** What a format's importer makes: the validated model, its warnings, the first port its users expect. */
export interface ImportedService {
  model: ServiceModel;
  /** What the importer ignored on purpose, one line each (`file:line:column: path: message`), said once at start. */
  warnings: readonly string[];
  devPort?: number;
}
