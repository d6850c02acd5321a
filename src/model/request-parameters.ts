/** The forms of a WebSocket HTTP integration's RequestParameters: what is mapped, and from where. */

/** `integration.request.header.<Name>` or `integration.request.querystring.<name>`. */
export const REQUEST_PARAMETER_TARGET = /^integration\.request\.(header|querystring)\.(.+)$/;
/** `'static'`, `context.<var>`, `stageVariables.<name>` or `route.request.body.<path>`. */
export const REQUEST_PARAMETER_SOURCE = /^(?:'[^']*'|context\.[A-Za-z0-9_.]+|stageVariables\.[A-Za-z0-9_]+|route\.request\.body\.[A-Za-z0-9_$[\].'-]+)$/;
