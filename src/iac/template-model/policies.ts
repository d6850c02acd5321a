/**
 * A function's IAM grants as the model records them: SAM's DynamoDB policy templates, inline `Statement`s, and the
 * inline policies of the AWS::IAM::Role its `Role` names. Resources of the template stay references (a table, a
 * WebSocket API's @connections), so synthesizing from the model points them at the resources it writes.
 */
import type { PolicyModel, ResourceRef } from '../../model/types.ts';
import { JoinedValue, ResourceReference } from '../cloudformation/values.ts';
import type { MappingContext } from './context.ts';
import type { PropertyReader } from './properties.ts';
import { isTableType, type LocalIdentity, localText, referencedId } from './references.ts';

const TABLE_POLICY_ACTIONS: Record<string, string[]> = {
  DynamoDBCrudPolicy: [
    'dynamodb:GetItem',
    'dynamodb:DeleteItem',
    'dynamodb:PutItem',
    'dynamodb:Scan',
    'dynamodb:Query',
    'dynamodb:UpdateItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:BatchGetItem',
    'dynamodb:DescribeTable',
    'dynamodb:ConditionCheckItem',
  ],
  DynamoDBReadPolicy: ['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:DescribeTable'],
  DynamoDBWritePolicy: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'],
};

const IAM_ROLE = 'AWS::IAM::Role';
const LOG_GROUP = 'AWS::Logs::LogGroup';
const WEBSOCKET_API = 'AWS::ApiGatewayV2::Api';
const MANAGE_CONNECTIONS = 'execute-api:ManageConnections';

type Path = (string | number)[];

/** SAM's `Policies` and the role `Role` names, in that order; other policies are only warned about (by the caller). */
export function policiesOf(context: MappingContext, identity: LocalIdentity, reader: PropertyReader): PolicyModel[] {
  return [...samPolicies(context, identity, reader), ...rolePolicies(context, identity, reader)];
}

function samPolicies(context: MappingContext, identity: LocalIdentity, reader: PropertyReader): PolicyModel[] {
  const value = reader.properties.Policies;
  const entries = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const policies: PolicyModel[] = [];
  entries.forEach((entry, index) => {
    const path = reader.at('Policies').concat(index);
    if (entry === null || typeof entry !== 'object') return;
    for (const [name, body] of Object.entries(entry as Record<string, unknown>)) {
      const actions = TABLE_POLICY_ACTIONS[name];
      const tableName = (body as { TableName?: unknown } | null)?.TableName;
      if (actions && tableName !== undefined) {
        const table = referencedId(tableName) ?? [...context.names].find(([, local]) => local === tableName)?.[0];
        const resource: ResourceRef =
          table && context.names.has(table)
            ? { kind: 'table', table: context.names.get(table) as string }
            : { kind: 'arn', arn: localText(context, identity, tableName, path) };
        policies.push({ actions: [...actions], resource });
      } else if (name === 'Statement' && Array.isArray(body)) {
        policies.push(...statementPolicies(context, identity, body, path));
      }
    }
  });
  return policies;
}

/** The inline policies of the template's AWS::IAM::Role that `Role: !GetAtt <Role>.Arn` names. */
function rolePolicies(context: MappingContext, identity: LocalIdentity, reader: PropertyReader): PolicyModel[] {
  const role = reader.properties.Role;
  const id = role instanceof ResourceReference && role.attribute === 'Arn' ? role.ref : undefined;
  const resource = id === undefined ? undefined : context.resource(id);
  if (id === undefined || resource?.type !== IAM_ROLE) return [];
  const documents = Array.isArray(resource.properties.Policies) ? resource.properties.Policies : [];
  return documents.flatMap((policy, index) => {
    const statements = (policy as { PolicyDocument?: { Statement?: unknown } } | null)?.PolicyDocument?.Statement;
    const path = ['Resources', id, 'Properties', 'Policies', index, 'PolicyDocument', 'Statement'];
    return Array.isArray(statements) ? statementPolicies(context, identity, statements, path) : [];
  });
}

/** Allow statements, one policy per resource; a table's `/index/*` beside the table itself is the same grant. */
function statementPolicies(context: MappingContext, identity: LocalIdentity, statements: unknown[], path: Path): PolicyModel[] {
  const policies: PolicyModel[] = [];
  for (const statement of statements as Array<Record<string, unknown> | null>) {
    if (statement?.Effect !== 'Allow') continue;
    const actions = ([] as unknown[]).concat(statement.Action ?? []).map(String);
    const seen = new Set<string>();
    for (const value of ([] as unknown[]).concat(statement.Resource ?? [])) {
      const resource = statementResource(context, identity, value, actions, path);
      const key = JSON.stringify(resource);
      if (resource === undefined || seen.has(key)) continue;
      seen.add(key);
      policies.push({ actions, resource });
    }
  }
  return policies;
}

/**
 * A statement's resource: `!GetAtt T.Arn` (or `${T.Arn}/index/*`) of a table is the table; a `!Sub` over a
 * WebSocket API's id granting ManageConnections is its @connections; the function's log group is left out, as synthesis grants it to every
 * function; anything else is the ARN as it is locally.
 */
export function statementResource(
  context: MappingContext,
  identity: LocalIdentity,
  value: unknown,
  actions: readonly string[],
  path: Path,
): ResourceRef | undefined {
  const references = referencesIn(value);
  const table = references.find((reference) => isTableType(context.resource(reference.ref)?.type) && reference.attribute === 'Arn');
  if (table && references.length === 1) return { kind: 'table', table: context.names.get(table.ref) ?? table.ref };
  const api = references.find((reference) => {
    const resource = context.resource(reference.ref);
    return resource?.type === WEBSOCKET_API && resource.properties.ProtocolType === 'WEBSOCKET' && reference.attribute === undefined;
  });
  const posts = actions.some((action) => action === MANAGE_CONNECTIONS || action === 'execute-api:*');
  if (api && posts && value instanceof JoinedValue && localText(context, identity, value, path).includes(':execute-api:'))
    return { kind: 'api-connections', api: context.names.get(api.ref) ?? api.ref };
  if (references.some((reference) => context.resource(reference.ref)?.type === LOG_GROUP)) return undefined;
  return { kind: 'arn', arn: localText(context, identity, value, path) };
}

function referencesIn(value: unknown): ResourceReference[] {
  if (value instanceof ResourceReference) return [value];
  if (value instanceof JoinedValue) return value.parts.flatMap(referencesIn);
  return [];
}
