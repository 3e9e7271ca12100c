export * from './errors.js';
export * from './evidence.js';
export * from './facts.js';
export * from './signals.js';
export * from './text.js';
export * from './extraction.js';
export * from './ruleset.js';
export * from './decision.js';
