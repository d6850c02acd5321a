/** What a kind of definition file besides the TypeScript builder's provides to `loadService`. */
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
  load(file: string, displayPath: string, options: ImportOptions): Promise<ServiceModel>;
}
