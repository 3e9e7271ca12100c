export { startBridge, type Bridge, type BridgeOptions } from './server.js';
export { RENDERER_CSP } from './static.js';
export { newToken } from './token.js';
