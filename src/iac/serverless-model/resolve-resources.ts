/**
 * A serverless.yml's `resources` resolved as CloudFormation resolves the stack the Framework deploys: Conditions,
 * Mappings, pseudo parameters (`AWS::StackName` is `<service>-<stage>`) and intrinsics. References to the resources
 * the Framework generates (`HttpApi`, `<Name>LambdaFunction`, `ServerlessDeploymentBucket`, …) stay references.
 */
import { type ResolvedTemplate, resolveTemplate, SourcePositions } from '../cloudformation/index.ts';
import type { PositionMap } from '../serverless/positions.ts';
import type { ServerlessService } from '../serverless/types.ts';

/** The sections of `resources` that are CloudFormation's; the others are the Framework's (`extensions`) or unread. */
export const RESOLVED_SECTIONS = ['Resources', 'Conditions', 'Mappings'] as const;

/** The file's positions under `resources`, as a template's: `resources.Resources.T` is `Resources.T`. */
function resourcePositions(file: string, positions: PositionMap): SourcePositions {
  const shifted = new SourcePositions(file);
  for (const [key, position] of positions) {
    const [first, ...rest] = key.split('\0');
    if (first === 'resources' && rest.length > 0) shifted.set(rest, position);
  }
  return shifted;
}

export function resolveResources(service: ServerlessService, positions: PositionMap): ResolvedTemplate {
  const body: Record<string, unknown> = { Resources: {} };
  for (const section of RESOLVED_SECTIONS) {
    if (service.resources[section] !== undefined) body[section] = service.resources[section];
  }
  return resolveTemplate(
    { file: service.file, format: 'yaml', body, positions: resourcePositions(service.file, positions) },
    {
      stackName: `${service.service}-${service.provider.stage}`,
      region: service.provider.region,
      // Every id the file does not declare is one the Framework generates for the same stack.
      externalResource: () => true,
    },
  );
}
