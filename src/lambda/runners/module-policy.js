// @ts-check
/**
 * Which packages handler code finds, as after a deployment: what its code root ships (the packages its
 * package.json declares, installed inside the code root) and the AWS SDK v3 that the Lambda runtime provides,
 * which Hoplite supplies from its own pinned copy. Everything else is not found, with a message that says what to
 * do. Shared by the ES module hooks (module-hooks.js) and the CommonJS resolver patch (require-policy.js).
 * Plain JavaScript: environment bootstraps load it without the TypeScript loader.
 */
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, sep } from 'node:path';

/** Packages the Node.js Lambda runtime provides without a deployment shipping them: the AWS SDK for JavaScript v3. */
const RUNTIME_PACKAGES = /^@(aws-sdk|smithy|aws-crypto)\//;

/** The SDK v3 packages Hoplite itself installs and so can provide (documented in README.md). */
export const PROVIDED_SDK_PACKAGES = [
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/lib-dynamodb',
  '@aws-sdk/util-dynamodb',
  '@aws-sdk/client-apigatewaymanagementapi',
  '@aws-sdk/client-lambda',
  '@aws-sdk/client-s3',
  '@aws-sdk/client-sqs',
  '@aws-sdk/client-sns',
  '@aws-sdk/client-eventbridge',
  '@aws-sdk/client-secrets-manager',
  '@aws-sdk/client-ssm',
];

/** Where the runtime's SDK resolves from: Hoplite's own package.json (src/ and dist/ sit at the same depth). */
export const RUNTIME_SDK_BASE = new URL('../../../package.json', import.meta.url);

/**
 * @typedef {{ stored: string, format: 'module' | 'commonjs' }} SnapshotEntry
 * A source file as it was when its function was built: the code to run (TypeScript compiled) and its format.
 * @typedef {Record<string, SnapshotEntry>} Snapshot
 * @typedef {{ codeRoot: string, cacheDir?: string, snapshot?: Snapshot, layerPaths?: string[] }} ModuleScope
 * The function code that a policy applies to (files inside its code root), where its compiled TypeScript is,
 * (in an environment of one function) the snapshot of its files it runs, and the `node_modules` folders of its
 * layers, first to last (src/lambda/layers.ts).
 */

/** @param {string} specifier */
export function isBareSpecifier(specifier) {
  if (/^[./]/.test(specifier) || /^[a-z][a-z0-9+.-]*:/i.test(specifier) || specifier.startsWith('#')) return false;
  return !builtinModules.includes(specifier) && !builtinModules.includes(specifier.split('/')[0] ?? '');
}

/** @param {string} specifier */
export function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : /** @type {string} */ (parts[0]);
}

/** @param {string} specifier */
export function isRuntimePackage(specifier) {
  return RUNTIME_PACKAGES.test(specifier);
}

/**
 * @param {string} file
 * @param {string} dir
 */
export function isInside(file, dir) {
  return file === dir || file.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

/** @param {string} file */
export function isDependencyFile(file) {
  return file.includes(`${sep}node_modules${sep}`);
}

/** @type {Map<string, { manifest: string | undefined, names: Set<string> }>} */
const declaredByDir = new Map();

/**
 * The nearest package.json at or above `dir` and the packages a deployment of it ships: its dependencies
 * (optional and peer ones too) and itself, by name. devDependencies are not deployed.
 * @param {string} dir
 * @returns {{ manifest: string | undefined, names: Set<string> }}
 */
export function declaredPackages(dir) {
  const known = declaredByDir.get(dir);
  if (known) return known;
  /** @type {{ manifest: string | undefined, names: Set<string> }} */
  let found;
  const manifest = join(dir, 'package.json');
  let text;
  try {
    text = readFileSync(manifest, 'utf8');
  } catch {
    text = undefined;
  }
  if (text !== undefined) {
    /** @type {Record<string, unknown>} */
    let parsed = {};
    try {
      parsed = JSON.parse(text);
    } catch {
      // Node reports a broken package.json itself when it matters.
    }
    const names = new Set(typeof parsed.name === 'string' ? [parsed.name] : []);
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
      const value = parsed[field];
      if (value && typeof value === 'object') for (const name of Object.keys(value)) names.add(name);
    }
    found = { manifest, names };
  } else {
    found = dirname(dir) === dir ? { manifest: undefined, names: new Set() } : declaredPackages(dirname(dir));
  }
  declaredByDir.set(dir, found);
  return found;
}

/** Forgets what package.json files said (a reload may follow an npm install). */
export function forgetDeclaredPackages() {
  declaredByDir.clear();
}

/**
 * How to resolve a bare specifier imported from `parentFile` inside a function's code root:
 * `local` resolves as Node does (then must land inside the code root), `runtime` resolves from the SDK copy
 * Hoplite provides, `missing` is not found.
 * @param {string} specifier
 * @param {string} parentFile
 * @returns {'local' | 'runtime' | 'missing'}
 */
export function resolutionFor(specifier, parentFile) {
  const name = packageName(specifier);
  // Dependencies find their own dependencies as Node finds them; user code finds what its package.json declares.
  const shipped = isDependencyFile(parentFile) || declaredPackages(dirname(parentFile)).names.has(name);
  if (shipped) return 'local';
  return isRuntimePackage(specifier) ? 'runtime' : 'missing';
}

/**
 * Whether the package is installed inside the code root through a link (`npm link`, a symlinked node_modules): Node
 * resolves it to its real path outside, but a deployment of the code root follows the link and ships it.
 * @param {string} specifier
 * @param {string} parentFile
 * @param {string} codeRoot
 */
export function linkedInside(specifier, parentFile, codeRoot) {
  const name = packageName(specifier);
  for (let dir = dirname(parentFile); isInside(dir, codeRoot); dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', name))) return true;
    if (dir === codeRoot || dirname(dir) === dir) return false;
  }
  return false;
}

/**
 * What to make of a package that resolved locally to `file`: shipped (inside the code root, or linked into it),
 * else the runtime's SDK copy for an SDK package, else not found, with why.
 * @param {string} specifier
 * @param {string} parentFile
 * @param {string} file
 * @param {string} codeRoot
 * @returns {{ take: 'local' } | { take: 'runtime' } | { take: 'missing', hint: string }}
 */
export function localResolution(specifier, parentFile, file, codeRoot) {
  if (isInside(file, codeRoot) || linkedInside(specifier, parentFile, codeRoot)) return { take: 'local' };
  if (isRuntimePackage(specifier)) return { take: 'runtime' };
  return { take: 'missing', hint: missingPackageHint(specifier, parentFile, { outsideAt: file, codeRoot }) };
}

/**
 * The layer `node_modules` folder a package is taken from: the first of the function's layer folders that has it,
 * as Node looks through NODE_PATH after the function's own node_modules.
 * @param {string} specifier
 * @param {readonly string[] | undefined} layerPaths
 * @returns {string | undefined}
 */
export function layerFolderFor(specifier, layerPaths) {
  const name = packageName(specifier);
  return layerPaths?.find((folder) => existsSync(join(folder, name)));
}

/**
 * Why a package is not found, in Node's words first, then what to do.
 * @param {string} specifier
 * @param {string} parentFile
 * @param {{ outsideAt?: string, codeRoot: string, layerPaths?: string[] }} detail
 */
export function missingPackageHint(specifier, parentFile, detail) {
  const hint = packageHint(specifier, parentFile, detail);
  const layers = detail.layerPaths ?? [];
  return layers.length === 0 ? hint : `${hint} The function's layers do not have it either (looked in ${layers.join(', ')}).`;
}

/**
 * @param {string} specifier
 * @param {string} parentFile
 * @param {{ outsideAt?: string, codeRoot: string }} detail
 */
function packageHint(specifier, parentFile, detail) {
  const name = packageName(specifier);
  if (name === 'aws-sdk') {
    return 'The nodejs18.x and later Lambda runtimes provide the AWS SDK for JavaScript v3, not v2: use the v3 clients (@aws-sdk/client-*), or add aws-sdk to the dependencies in package.json.';
  }
  if (isRuntimePackage(specifier)) {
    return `The Lambda runtime provides the whole AWS SDK v3, but Hoplite provides only ${PROVIDED_SDK_PACKAGES.join(', ')} and their dependencies: add ${name} to the dependencies in package.json (npm install ${name}).`;
  }
  if (detail.outsideAt) {
    return `It is installed at ${detail.outsideAt}, outside the function's code root ${detail.codeRoot}, so a deployment would not include it: install it inside the code root (npm install ${name}).`;
  }
  const { manifest } = declaredPackages(dirname(parentFile));
  return manifest
    ? `A deployment ships the dependencies of ${manifest}, and ${name} is not one of them: npm install ${name}.`
    : `No package.json declares it: add one with ${name} in its dependencies (npm install ${name}).`;
}
