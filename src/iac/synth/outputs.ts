/** The model's outputs as template Outputs: an API's URL on its stage, or a literal. */
import { ConfigError } from '../../errors.ts';
import type { OutputModel } from '../../model/types.ts';
import { ids, type SynthContext } from './context.ts';
import type { CfnOutput, CfnValue } from './template.ts';
import { sub } from './template.ts';

/** CloudFormation output names are alphanumeric. */
const OUTPUT_NAME = /^[A-Za-z0-9]+$/;

/** An HTTP API's `$default` stage is served without a path. */
const DEFAULT_STAGE = '$default';

function outputValue(context: SynthContext, output: OutputModel): CfnValue {
  const { value } = output;
  if (value.kind === 'literal') return value.value;
  const api = context.model.apis.find((candidate) => candidate.name === value.api);
  const wanted = value.kind === 'websocket-url' ? 'a WebSocket API' : 'an HTTP or REST API';
  if (!api || (value.kind === 'websocket-url') !== (api.protocol === 'WEBSOCKET'))
    throw new ConfigError(context.options.source, [{ path: `output "${output.name}"`, message: `expected ${wanted} of the service, got "${value.api}"` }]);
  const scheme = value.kind === 'websocket-url' ? 'wss' : 'https';
  const path = api.stage.name === DEFAULT_STAGE ? '' : `/${api.stage.name}`;
  return sub(`${scheme}://\${${ids.api(api.name)}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}${path}`);
}

/** The model's outputs, then the URL of every API no output names, so a deployment always prints where each API is. */
export function synthesizeOutputs(context: SynthContext): void {
  const named = new Set(context.model.outputs.flatMap((output) => (output.value.kind === 'literal' ? [] : [output.value.api])));
  const implicit: OutputModel[] = context.model.apis
    .filter((api) => !named.has(api.name))
    .map((api) => ({
      name: `${ids.api(api.name)}Url`,
      description: `The ${api.protocol === 'WEBSOCKET' ? 'WebSocket' : api.protocol} API ${api.name}'s URL`,
      value: { kind: api.protocol === 'WEBSOCKET' ? 'websocket-url' : 'http-url', api: api.name },
    }));
  for (const output of [...context.model.outputs, ...implicit]) {
    if (!OUTPUT_NAME.test(output.name))
      throw new ConfigError(context.options.source, [
        { path: `output "${output.name}"`, message: 'expected a name of letters and digits only, as CloudFormation requires for outputs' },
      ]);
    const result: CfnOutput = { Description: output.description, Value: outputValue(context, output) };
    context.builder.output(output.name, result);
  }
}
