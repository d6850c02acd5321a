/**
 * Everything a deployment uploads, built into one folder: each function's bundle, the template that names them,
 * and a manifest of both. What `hoplite synth` writes and `hoplite provision` uploads.
 */
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ConfigError } from '../../errors.ts';
import type { ServiceModel } from '../../model/types.ts';
import { bundleFunctions, type FunctionBundle } from '../bundle/index.ts';
import { type CfnTemplate, type FunctionCode, synthesize, templateText } from '../synth/index.ts';
import { assertTemplate } from '../template-check/index.ts';

export interface BuildArtifactsOptions {
  /** The definition file, as errors name it. */
  source: string;
  /** The folder the model's paths are relative to. */
  rootDir: string;
  /** Emptied first, then holds `template.json`, `manifest.json` and `functions/`. */
  outDir: string;
  stackName: string;
  /** Receives the bundler's warnings, one line each. */
  warn?: (message: string) => void;
}

export interface Artifacts {
  stackName: string;
  template: CfnTemplate;
  /** Absolute path of `template.json`. */
  templateFile: string;
  bundles: FunctionBundle[];
}

/** `manifest.json`: what to upload, paths relative to the output folder. */
export interface ArtifactManifest {
  stackName: string;
  template: string;
  bundles: Array<{ function: string; s3Key: string; zipFile: string; sha256: string; bytes: number }>;
}

export const TEMPLATE_FILE = 'template.json';
export const MANIFEST_FILE = 'manifest.json';

export async function buildArtifacts(model: ServiceModel, options: BuildArtifactsOptions): Promise<Artifacts> {
  const outDir = resolve(options.outDir);
  await emptyOutputFolder(outDir, resolve(options.rootDir), options.source);
  const bundles = await bundleFunctions(model, { outDir, rootDir: options.rootDir, source: options.source, ...(options.warn ? { warn: options.warn } : {}) });
  const { template, warnings } = synthesize(model, { source: options.source, code: functionCodeOf(bundles, outDir) });
  for (const warning of warnings) options.warn?.(warning);
  // Checked before it is written, so a template AWS would refuse is never left behind to upload.
  const body = templateText(template);
  assertTemplate(template, { source: `${options.source} (synthesized template)`, delivery: 's3', body });
  const templateFile = await writeTemplateAndManifest(outDir, body, manifestOf(options.stackName, bundles, outDir));
  return { stackName: options.stackName, template, templateFile, bundles };
}

async function writeTemplateAndManifest(outDir: string, body: string, manifest: ArtifactManifest): Promise<string> {
  const templateFile = join(outDir, TEMPLATE_FILE);
  await writeFile(templateFile, body);
  await writeFile(join(outDir, MANIFEST_FILE), toJson(manifest));
  return templateFile;
}

export function functionCodeOf(bundles: readonly FunctionBundle[], outDir: string): (functionName: string) => FunctionCode {
  const byName = new Map(bundles.map((bundle) => [bundle.function, bundle]));
  return (functionName) => {
    const bundle = byName.get(functionName);
    // Synthesis asks only for the model's functions, and every one of them has a bundle.
    if (!bundle) throw new Error(`no bundle for function "${functionName}"`);
    return { s3Key: bundle.s3Key, handler: bundle.handler, assetPath: portable(relative(outDir, bundle.dir)) };
  };
}

function manifestOf(stackName: string, bundles: readonly FunctionBundle[], outDir: string): ArtifactManifest {
  return {
    stackName,
    template: TEMPLATE_FILE,
    bundles: bundles.map((bundle) => ({
      function: bundle.function,
      s3Key: bundle.s3Key,
      zipFile: portable(relative(outDir, bundle.zipFile)),
      sha256: bundle.sha256,
      bytes: bundle.bytes,
    })),
  };
}

const portable = (path: string) => path.split(sep).join('/');
const toJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Empties the output folder so no bundle of an earlier build is left in it. It must not hold the project (emptying
 * it would delete the sources), and a folder that is not empty must be an earlier output (it has a manifest).
 */
async function emptyOutputFolder(outDir: string, rootDir: string, source: string): Promise<void> {
  const fromOut = relative(outDir, rootDir);
  if (fromOut === '' || !(fromOut.startsWith('..') || isAbsolute(fromOut))) {
    throw new ConfigError(source, [
      { path: 'outDir', message: `${outDir} holds the project's folder ${rootDir}; choose an output folder inside or beside it` },
    ]);
  }
  const info = await stat(outDir).catch(() => undefined);
  if (info && !info.isDirectory()) throw new ConfigError(source, [{ path: 'outDir', message: `${outDir} is a file; expected a folder` }]);
  const existing = info ? await readdir(outDir) : undefined;
  if (existing && existing.length > 0 && !existing.includes(MANIFEST_FILE)) {
    throw new ConfigError(source, [
      { path: 'outDir', message: `${outDir} is not empty and holds no ${MANIFEST_FILE} of an earlier build; choose an empty or new output folder` },
    ]);
  }
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
}
