/**
 * Settings → Notifications: the level for all rooms and per room (all, mentions and DMs,
 * nothing), and sounds. Kept by the server, so they follow the person to every device.
 */
import type { ChatCallArgs } from '../../../shared/api/index.js';
import type { NotifyLevel } from '../../../shared/protocol/index.js';
import { useChatApi } from '../api/ChatApiContext.js';
import { ChoiceGroup } from './ChoiceGroup.js';
import type { SettingsSectionProps } from './sections.js';

const LEVELS = [
  { value: 'all', label: 'All messages' },
  { value: 'mentions', label: 'Mentions and DMs' },
  { value: 'none', label: 'Nothing' },
] as const satisfies readonly { value: NotifyLevel; label: string }[];

const labelOf = (level: NotifyLevel) => LEVELS.find((l) => l.value === level)!.label;

/** The notification section. */
export function NotificationSection({ server }: SettingsSectionProps) {
  const api = useChatApi();
  const { prefs } = server;
  const set = (change: ChatCallArgs<'setPrefs'>) =>
    void api.call('setPrefs', change).catch(() => undefined);
  return (
    <>
      <ChoiceGroup
        legend="Notify me about"
        hint="For every room without its own setting. Direct messages count as mentions."
        options={LEVELS}
        value={prefs.notify}
        onChange={(notify) => set({ serverId: server.id, notify })}
      />
      <fieldset className="settings-group room-levels">
        <legend>Rooms</legend>
        {server.rooms.length === 0 && <p className="muted">You are in no rooms yet.</p>}
        {server.rooms.map((room) => {
          const own = Object.hasOwn(prefs.rooms, room.id) ? prefs.rooms[room.id] : undefined;
          const label = room.kind === 'room' ? `#${room.name}` : room.name;
          return (
            <label key={room.id} className="room-level">
              <span className="room-level-name">
                <bdi>{label}</bdi>
              </span>
              <select
                value={own ?? 'default'}
                onChange={(e) =>
                  set({
                    serverId: server.id,
                    rooms: {
                      [room.id]:
                        e.target.value === 'default' ? null : (e.target.value as NotifyLevel),
                    },
                  })
                }
              >
                <option value="default">Default ({labelOf(prefs.notify)})</option>
                {LEVELS.map((l) => (
                  <option key={l.value} value={l.value}>
                    {l.label}
                  </option>
                ))}
              </select>
            </label>
          );
        })}
      </fieldset>
      <label className="check-row">
        <input
          type="checkbox"
          checked={prefs.sounds}
          onChange={(e) => set({ serverId: server.id, sounds: e.target.checked })}
        />
        Play sounds with notifications
      </label>
    </>
  );
}
