export { apiKeyIdFor, type IssuedApiKey, issueApiKeys } from './api-key.ts';
export { type CloseCause, clientCloseCause, GATEWAY_CLOSES } from './close-codes.ts';
export { errorFrame, FRAME_MESSAGES } from './error-frames.ts';
export { type ConnectionFacts, connectEvent, disconnectEvent, messageEvent, type WebSocketEvent } from './events.ts';
export { MemoryWebSocket, type ReceivedMessage, UnexpectedResponse } from './memory-client.ts';
export { type ConnectableApi, type ConnectOptions, memoryTarget } from './memory-connect.ts';
export { WebSocketRuntime, type WebSocketRuntimeOptions } from './runtime.ts';
export type { PeerSocket, SocketListeners } from './socket.ts';
export { WireUpgrades } from './wire.ts';
