export * from './limits.js';
export * from './errors.js';
export * from './entities.js';
export * from './preferences.js';
export * from './clientFrames.js';
export * from './serverFrames.js';
export * from './http.js';
export * from './parse.js';
