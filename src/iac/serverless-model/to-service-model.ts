/**
 * A ServerlessService (src/iac/serverless/) onto the ServiceModel: functions, one API per event kind (HTTP API,
 * WebSocket API, REST API: in the order their serverless-offline ports run, see dev-port.ts), DynamoDB tables of
 * `resources`, the REST API's keys and usage plan. Pure: the model is returned with the warnings, every problem thrown at once with its position.
 */
import type { ApiModel, RestApiModel, ServiceModel } from '../../model/types.ts';
import type { PositionMap } from '../serverless/positions.ts';
import type { LocatedIssue } from '../serverless/serverless-error.ts';
import type { ServerlessService } from '../serverless/types.ts';
import { mapApiKeys } from './map-api-keys.ts';
import { mapFunction } from './map-functions.ts';
import { mapHttpApi } from './map-http-api.ts';
import { mapLayers, withLayers } from './map-layers.ts';
import { mapPolicies } from './map-policies.ts';
import { mapRestApi } from './map-rest-api.ts';
import { mapTables } from './map-tables.ts';
import { mapWebSocketApi } from './map-websocket.ts';
import { MappingReport } from './report.ts';

export interface MappedService {
  model: ServiceModel;
  /** The reader's warnings, then the mapping's; each once. */
  warnings: LocatedIssue[];
}

export function serverlessToModel(service: ServerlessService, positions: PositionMap = new Map()): MappedService {
  const report = new MappingReport(service, positions);
  const tables = mapTables(service, positions, report);
  const policies = mapPolicies(service.provider.iam.statements, tables, report);
  const functions = service.functions.map((fn) => withLayers(mapFunction(fn, policies, tables, report), fn, service, report));
  const apis: ApiModel[] = [mapHttpApi(service, report), mapWebSocketApi(service, report), mapRestApi(service, report)].filter(
    (api): api is ApiModel => api !== undefined,
  );
  const keys = mapApiKeys(
    service,
    apis.find((api): api is RestApiModel => api.protocol === 'REST'),
    report,
  );
  report.throwIfFailed();
  const model: ServiceModel = {
    name: service.service,
    rootDir: service.serviceDir,
    functions,
    apis,
    tables: [...tables.values()],
    outputs: [],
    sites: [],
    ...mapLayers(service),
    ...keys,
  };
  return { model, warnings: [...service.warnings, ...report.warnings] };
}
