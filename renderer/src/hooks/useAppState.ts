/** The engine's AppState, kept current. */
import { useEffect, useState } from 'react';
import type { AppState } from '../../../shared/api/index.js';
import { useChatApi } from '../api/ChatApiContext.js';

/** Undefined until the first state arrives (onState reports at once, so that is brief). */
export function useAppState(): AppState | undefined {
  const api = useChatApi();
  const [state, setState] = useState<AppState>();
  useEffect(() => api.onState(setState), [api]);
  return state;
}
