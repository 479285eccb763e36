/** The Chat Client Engine. */
export { createChatClient, type ChatClient } from './chatClient.js';
export { formatBytes } from './formatBytes.js';
export { DEFAULT_TIMING, type ConnectionTiming } from './connection.js';
export { normalizeServerUrl, fileUrl, avatarUrl, socketUrl, DEFAULT_PORT } from './address.js';
export { shouldNotify, mentions, noticeBody, type ViewState } from './notifications.js';
export type * from './deps.js';
