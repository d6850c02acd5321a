/**
 * The seeds' todo back end for signed-in users: the open example's handler, with each todo stored under its
 * owner, the `sub` of the token the JWT authorizer checked. A user lists, saves and deletes only their own.
 */
import { DeleteItemCommand, DynamoDBClient, PutItemCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';
import { decodeTodo, goJson, sortedKeys } from '../todo/go-json.ts';
import type { Todo } from '../todo/handler.ts';

const dynamo = new DynamoDBClient({});
const json = { 'content-type': 'application/json' };
const errorResponse: APIGatewayProxyResultV2 = { statusCode: 500, headers: json, body: '{"message":"Internal Server Error"}' };

function tableName(): string {
  const name = process.env.TABLE_NAME;
  if (!name) throw new Error('TABLE_NAME is not set');
  return name;
}

export async function handler(event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<APIGatewayProxyResultV2> {
  // The authorizer let the request through, so the token had a `sub`; the claims arrive as strings.
  const owner = event.requestContext.authorizer.jwt.claims.sub;
  if (typeof owner !== 'string' || owner === '') return errorResponse;
  switch (event.routeKey) {
    case 'GET /todos':
      return getTodos(owner);
    case 'POST /todos':
      return updateTodo(owner, event);
    case 'DELETE /todos/{id}':
      return deleteTodo(owner, event);
  }
  return errorResponse;
}

async function getTodos(owner: string): Promise<APIGatewayProxyResultV2> {
  const todos: Todo[] = [];
  let exclusiveStartKey: QueryCommandOutput['LastEvaluatedKey'];
  do {
    const page: QueryCommandOutput = await dynamo.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: '#owner = :owner',
        ExpressionAttributeNames: { '#owner': 'Owner' },
        ExpressionAttributeValues: { ':owner': { S: owner } },
        ExclusiveStartKey: exclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) {
      // The seed's field order: id, dueDate, description, priority.
      todos.push({
        id: item.Id?.S ?? '',
        ...(item.DueDate?.S ? { dueDate: item.DueDate.S } : {}),
        description: item.Description?.S ?? '',
        priority: item.Priority?.S ?? '',
      });
    }
    exclusiveStartKey = page.LastEvaluatedKey;
  } while (exclusiveStartKey);
  return { statusCode: 200, headers: json, body: goJson(todos) };
}

async function updateTodo(owner: string, event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<APIGatewayProxyResultV2> {
  const todo = decodeTodo(event.body ?? '');
  const fieldErrors: Record<string, string> = {};
  if (todo.id === '') fieldErrors.id = 'required';
  if (todo.description.trim() === '') fieldErrors.description = 'required';
  if (todo.priority === '') fieldErrors.priority = 'required';
  if (Object.keys(fieldErrors).length > 0) return { statusCode: 422, headers: json, body: goJson({ fieldErrors: sortedKeys(fieldErrors) }) };

  await dynamo.send(
    new PutItemCommand({
      TableName: tableName(),
      Item: {
        Owner: { S: owner },
        Id: { S: todo.id },
        Description: { S: todo.description },
        Priority: { S: todo.priority },
        ...(todo.dueDate ? { DueDate: { S: todo.dueDate } } : {}),
      },
    }),
  );
  return { statusCode: 204 };
}

async function deleteTodo(owner: string, event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<APIGatewayProxyResultV2> {
  const id = event.pathParameters?.id;
  if (!id) return errorResponse;
  // Keyed by owner too: deleting another user's id deletes nothing.
  await dynamo.send(new DeleteItemCommand({ TableName: tableName(), Key: { Owner: { S: owner }, Id: { S: id } } }));
  return { statusCode: 204 };
}
