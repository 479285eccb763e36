/** Hands the ChatApi to the hooks and containers that may talk to it. */
import { createContext, useContext, type ReactNode } from 'react';
import type { ChatApi } from '../../../shared/api/index.js';

const Ctx = createContext<ChatApi | null>(null);

/** Makes `api` available below. */
export function ChatApiProvider({ api, children }: { api: ChatApi; children: ReactNode }) {
  return <Ctx.Provider value={api}>{children}</Ctx.Provider>;
}

/** The ChatApi; only hooks and containers call this. */
export function useChatApi(): ChatApi {
  const api = useContext(Ctx);
  if (!api) throw new Error('useChatApi outside ChatApiProvider');
  return api;
}
