/** The kinds of definition files `hoplite dev` reads besides the TypeScript builder's, and what their importers return. */
import type { ServiceModel } from '../model/index.ts';

/** What the importers of other definition formats read from the command line (their flags); empty for TypeScript. */
export type ImportOptions = Readonly<Record<string, unknown>>;

/** A kind of definition file besides the TypeScript builder's: it says which files are its own and makes their model. */
export interface DefinitionFormat {
  /** The file names tried, in order, when `hoplite dev` gets no entry. */
  defaultNames: readonly string[];
  accepts(file: string): boolean;
  /** `cwd`: the folder `displayPath` is relative to. */
  load(file: string, displayPath: string, options: ImportOptions, cwd: string): Promise<ImportedService>;
}

/** What a format's importer makes: the validated model, its warnings, the first port its users expect. */
export interface ImportedService {
  model: ServiceModel;
  warnings: readonly string[];
  devPort?: number;
}
