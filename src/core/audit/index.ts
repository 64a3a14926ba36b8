/** The audit core: entry model, canonical JSON, hashing, chain verification, masking, retention. */
export * from './actions.js';
export * from './canonical.js';
export * from './hash.js';
export * from './model.js';
export * from './redact.js';
export * from './retention.js';
export * from './segments.js';
export * from './verify.js';
