/** For synthesis tests: a model from a few parts, the context synthesizers get, and bundle locations that never change. */
import type { FunctionModel, ServiceModel } from '../../model/types.ts';
import { TemplateBuilder } from './builder.ts';
import type { FunctionCode, SynthContext } from './context.ts';

/** A content hash that stands for a bundle's; goldens stay the same whatever the handlers hold. */
export const FIXED_HASH = '0123456789abcdef';

/** The export a handler names: `file.ts#export`, or Lambda's `path/module.export`. */
export function handlerExport(handler: string): string {
  return handler.includes('#') ? (handler.split('#').pop() as string) : (handler.split('.').pop() as string);
}

/** Each function's bundle as the bundler lays it out: `index.js` re-exporting the handler's export, in `assets/<name>`. */
export const fixedCode =
  (model: Pick<ServiceModel, 'functions'>) =>
  (name: string): FunctionCode => {
    const handler = model.functions.find((candidate) => candidate.name === name)?.handler ?? name;
    return { s3Key: `functions/${name}-${FIXED_HASH}.zip`, handler: `index.${handlerExport(handler)}`, assetPath: `assets/${name}` };
  };

export function fn(name: string, extra: Partial<FunctionModel> = {}): FunctionModel {
  return { name, handler: `handlers.ts#${name}`, timeoutSeconds: 10, memoryMb: 128, environment: {}, policies: [], ...extra };
}

export function modelOf(parts: Partial<ServiceModel>): ServiceModel {
  return { name: 'svc', functions: [], apis: [], tables: [], outputs: [], sites: [], ...parts };
}

export function contextOf(parts: Partial<ServiceModel>): SynthContext {
  const model = modelOf(parts);
  return { model, builder: new TemplateBuilder('svc', 'hoplite.config.ts'), options: { source: 'hoplite.config.ts', code: fixedCode(model) }, warnings: [] };
}
