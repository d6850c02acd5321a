/** What variable resolution reads from outside the file: options, environment, overrides, other files. */

/** Other files a `${file(...)}` variable reads; the reader implements it on the file system. */
export interface ServiceFiles {
  /** The file's text, or undefined when it does not exist. */
  readText(path: string): Promise<string | undefined>;
  /** A JavaScript module's export (`module.exports` or the default export), or undefined when it does not exist. */
  importModule(path: string): Promise<unknown>;
}

export interface VariableContext {
  /** The file as messages name it (`serverless.yml`). */
  file: string;
  /** Absolute directory of the service: `${file(...)}` paths are relative to it and must stay inside it. */
  serviceDir: string;
  /** CLI options as `${opt:...}` reads them: `stage`, `region` and any other `--name value`. */
  options: Readonly<Record<string, unknown>>;
  /** `--param "name=value"` values, read by `${param:name}` before the file's `params`/`stages`. */
  params: Readonly<Record<string, string>>;
  /** Environment variables read by `${env:NAME}`. */
  env: Readonly<Record<string, string | undefined>>;
  /** Values for the sources that would ask AWS (`cf:stack.Output`, `ssm:/path`, `aws:accountId`, `s3:bucket/key`). */
  overrides: Readonly<Record<string, unknown>>;
  /** The value of `${sls:instanceId}`: one id per load. */
  instanceId: string;
  files: ServiceFiles;
}

/** The flag that supplies a value for a source Hoplite does not fetch from AWS. */
export const OVERRIDE_FLAG = '--variable';
