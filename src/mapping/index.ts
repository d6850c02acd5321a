export { valueAtPath } from './json-path.ts';
export {
  type RequestParams,
  type RestTemplateContext,
  type TemplateInputs,
  templateVariables,
  utilObject,
  type WebSocketTemplateContext,
} from './objects.ts';
export { type IntegrationResponseChoice, integrationResponsePattern, selectIntegrationResponse, selectTemplate } from './selection.ts';
export { compileTemplate, MAX_FOREACH_ITERATIONS, type MappingTemplate } from './template.ts';
