/** Sparta's REST example: GET and POST /hello through a Lambda custom integration that maps `location` to the Location header. */
import { fn, restApi, service } from 'hoplite';

const hello = fn('hello', { handler: 'handler.ts#hello' });

const api = restApi({ name: 'hello', stage: 'prod' });
const mapping = {
  integration: 'custom' as const,
  methodResponses: { 200: { 'method.response.header.Location': true }, 400: {} },
  integrationResponses: [
    { statusCode: 200, responseParameters: { 'method.response.header.Location': 'integration.response.body.location' } },
    { statusCode: 400, selectionPattern: 'Invalid.*' },
  ],
};
api.resource('/hello').method('GET', hello, mapping).method('POST', hello, mapping);

export default service('rest-location', { apis: [api] });
