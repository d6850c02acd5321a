export { type CloseCause, clientCloseCause, GATEWAY_CLOSES } from './close-codes.ts';
export { errorFrame, FRAME_MESSAGES } from './error-frames.ts';
export { type ConnectionFacts, connectEvent, disconnectEvent, messageEvent, type WebSocketEvent } from './events.ts';
export { WebSocketRuntime, type WebSocketRuntimeOptions } from './runtime.ts';
