/** The ChatApi: the UI's only way to the chat engine. */
export * from './chatApi.js';
export * from './calls.js';
export * from './inviteLinks.js';
