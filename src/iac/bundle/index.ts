export { type BundleOptions, bundleFunctions, type FunctionBundle } from './bundle-functions.ts';
export type { ModuleFormat } from './bundle-layout.ts';
export { ZIP_ENTRY_TIME } from './deterministic-zip.ts';
