/** One room's timeline, kept current while the room is shown. */
import { useEffect, useState } from 'react';
import type { Timeline } from '../../../shared/api/index.js';
import { useChatApi } from '../api/ChatApiContext.js';

/** Undefined until the engine reports the room (never another room's timeline). */
export function useTimeline(serverId: string, roomId: string): Timeline | undefined {
  const api = useChatApi();
  const [timeline, setTimeline] = useState<Timeline>();
  useEffect(() => {
    setTimeline(undefined);
    return api.onTimeline(serverId, roomId, setTimeline);
  }, [api, serverId, roomId]);
  return timeline?.serverId === serverId && timeline.roomId === roomId ? timeline : undefined;
}
