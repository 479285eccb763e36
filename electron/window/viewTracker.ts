/**
 * What the user is looking at, from two sources: the renderer knows which room is open, main
 * knows whether the window is focused and visible (the renderer's own idea of that is unreliable
 * once the window is hidden to the tray). The engine gets the merge.
 */
import type { ChatApi, ChatCallArgs } from '../../shared/api/index.js';
import type { ViewState } from '../../shared/client/notifications.js';

/** Window facts main reports. */
export interface WindowView {
  focused: boolean;
  visible: boolean;
}

/** Merges renderer and window views; `onChange` receives every new merged view. */
export class ViewTracker {
  private room: { serverId?: string; roomId?: string } = {};
  private window: WindowView = { focused: false, visible: false };

  constructor(private readonly onChange: (view: ViewState) => void) {}

  /** The merged view now. */
  get current(): ViewState {
    return { ...this.room, ...this.window };
  }

  /** The renderer's setView: keep its room, replace its focus/visibility with main's. */
  fromRenderer(args: ChatCallArgs<'setView'>): ViewState {
    this.room = {};
    if (args.serverId !== undefined) this.room.serverId = args.serverId;
    if (args.roomId !== undefined) this.room.roomId = args.roomId;
    return this.current;
  }

  /** A window event: report the merged view when something changed. */
  fromWindow(view: WindowView): void {
    if (view.focused === this.window.focused && view.visible === this.window.visible) return;
    this.window = { ...view };
    this.onChange(this.current);
  }
}

/** The engine as the renderer should see it: setView calls get main's focus and visibility. */
export function withWindowView(client: ChatApi, tracker: ViewTracker): ChatApi {
  return {
    onState: (l) => client.onState(l),
    onTimeline: (s, r, l) => client.onTimeline(s, r, l),
    onNotice: (l) => client.onNotice(l),
    onOpenRoom: (l) => client.onOpenRoom(l),
    upload: (target, file) => client.upload(target, file),
    call: (name, args) =>
      name === 'setView'
        ? client.call(name, tracker.fromRenderer(args as ChatCallArgs<'setView'>) as typeof args)
        : client.call(name, args),
  };
}
