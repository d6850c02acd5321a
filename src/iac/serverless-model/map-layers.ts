/** The service's `layers` as LayerModels (named by their key) and each function's layer references as those names. */
import type { FunctionModel, LayerModel } from '../../model/types.ts';
import type { ServerlessFunction, ServerlessService } from '../serverless/types.ts';
import type { MappingReport } from './report.ts';

export function mapLayers(service: ServerlessService): { layers?: LayerModel[] } {
  const layers = (service.layers ?? []).map((layer) => ({ name: layer.key, contentUri: layer.path }));
  return layers.length > 0 ? { layers } : {};
}

/** `{ Ref: SharedLambdaLayer }` → `shared`; a Ref to anything else is an error at its place. */
export function withLayers(model: FunctionModel, fn: ServerlessFunction, service: ServerlessService, report: MappingReport): FunctionModel {
  if (fn.layers === undefined) return model;
  const names: string[] = [];
  for (const { ref, index } of fn.layers) {
    const layer = service.layers?.find((candidate) => candidate.logicalId === ref);
    if (layer) names.push(layer.key);
    else {
      const known = (service.layers ?? []).map((candidate) => candidate.logicalId);
      report.fail(
        ['functions', fn.key, 'layers', index],
        `expected { Ref: <Name>LambdaLayer } naming a layer of this service's layers (${known.length > 0 ? known.join(', ') : 'it has none'}), got ${ref}`,
      );
    }
  }
  return names.length > 0 ? { ...model, layers: names } : model;
}
