/** For synthesis tests: a model from a few parts, the context synthesizers get, and bundle locations that never change. */
import type { FunctionModel, ServiceModel } from '../../model/types.ts';
import { TemplateBuilder } from './builder.ts';
import type { FunctionCode, SynthContext } from './context.ts';

/** A content hash that stands for a bundle's; goldens stay the same whatever the handlers hold. */
export const FIXED_HASH = '0123456789abcdef';

export const fixedCode = (name: string): FunctionCode => ({
  s3Key: `functions/${name}-${FIXED_HASH}.zip`,
  handler: `index.${name}`,
  assetPath: `assets/${name}`,
});

export function fn(name: string, extra: Partial<FunctionModel> = {}): FunctionModel {
  return { name, handler: `handlers.ts#${name}`, timeoutSeconds: 10, memoryMb: 128, environment: {}, policies: [], ...extra };
}

export function modelOf(parts: Partial<ServiceModel>): ServiceModel {
  return { name: 'svc', functions: [], apis: [], tables: [], outputs: [], sites: [], ...parts };
}

export function contextOf(parts: Partial<ServiceModel>): SynthContext {
  return {
    model: modelOf(parts),
    builder: new TemplateBuilder('svc', 'hoplite.config.ts'),
    options: { source: 'hoplite.config.ts', code: fixedCode },
    warnings: [],
  };
}
