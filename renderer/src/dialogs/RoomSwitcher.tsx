/** Ctrl/Cmd+K: jump to any room or DM on any server by typing part of its name. */
import { useMemo, useState, type KeyboardEvent } from 'react';
import type { ServerView } from '../../../shared/api/index.js';
import { Dialog } from '../common/Dialog.js';
import { roomLabel, sidebarOrder } from '../helpers/roomLabel.js';

/** Props: the servers, and what picking does. */
export interface RoomSwitcherProps {
  servers: readonly ServerView[];
  onPick: (serverId: string, roomId: string) => void;
  onClose: () => void;
}

interface Entry {
  serverId: string;
  roomId: string;
  label: string;
  kind: 'room' | 'dm';
  server: string;
  unread: number;
}

/** A filter box over a listbox; arrows move, Enter opens. */
export function RoomSwitcher({ servers, onPick, onClose }: RoomSwitcherProps) {
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const entries = useMemo<Entry[]>(
    () =>
      servers.flatMap((s) =>
        s.status === 'signed-out'
          ? []
          : sidebarOrder(s).map((r) => ({
              serverId: s.id,
              roomId: r.id,
              label: roomLabel(r, s),
              kind: r.kind,
              server: s.name,
              unread: r.unread,
            })),
      ),
    [servers],
  );
  const q = filter.trim().toLowerCase();
  const shown = q ? entries.filter((e) => e.label.toLowerCase().includes(q)) : entries;
  const index = Math.min(active, Math.max(0, shown.length - 1));
  const pick = (e: Entry | undefined) => {
    if (!e) return;
    onPick(e.serverId, e.roomId);
    onClose();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') setActive((index + 1) % Math.max(1, shown.length));
    else if (e.key === 'ArrowUp') setActive((index - 1 + shown.length) % Math.max(1, shown.length));
    else if (e.key === 'Enter') pick(shown[index]);
    else return;
    e.preventDefault();
  };
  const multi = servers.length > 1;
  return (
    <Dialog title="Switch room" onClose={onClose} className="switcher" hideTitle>
      <input
        className="dialog-filter"
        role="combobox"
        aria-label="Find a room"
        aria-expanded="true"
        aria-controls="switcher-list"
        aria-activedescendant={shown[index] ? `sw-${index}` : undefined}
        placeholder="Jump to a room or person…"
        value={filter}
        onChange={(e) => {
          setFilter(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKey}
        autoFocus
      />
      <ul id="switcher-list" role="listbox" aria-label="Rooms" className="switcher-list">
        {shown.map((e, i) => (
          <li
            key={`${e.serverId}/${e.roomId}`}
            id={`sw-${i}`}
            role="option"
            aria-selected={i === index}
            className={i === index ? 'switcher-item active' : 'switcher-item'}
            onMouseMove={() => setActive(i)}
            onClick={() => pick(e)}
          >
            <span className="side-icon" aria-hidden="true">
              {e.kind === 'room' ? '#' : '@'}
            </span>
            <span className="grow">{e.label}</span>
            {multi && <span className="muted">{e.server}</span>}
            {e.unread > 0 && <span className="badge">{e.unread}</span>}
          </li>
        ))}
        {shown.length === 0 && <li className="muted switcher-empty">No match</li>}
      </ul>
    </Dialog>
  );
}
