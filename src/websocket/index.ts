export { type CloseCause, GATEWAY_CLOSES, clientCloseCause } from './close-codes.ts';
export { errorFrame, FRAME_MESSAGES } from './error-frames.ts';
export { type ConnectionFacts, type WebSocketEvent, connectEvent, disconnectEvent, messageEvent } from './events.ts';
export { type WebSocketRuntimeOptions, WebSocketRuntime } from './runtime.ts';
