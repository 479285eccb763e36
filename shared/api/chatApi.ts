/**
 * ChatApi: the one interface the UI talks to. The desktop window gets it from the preload
 * (engine in Electron main, over IPC); a browser tab builds it in the page (engine in the tab).
 * Every call takes plain, structured-clonable data so the same calls cross IPC unchanged.
 */
import type {
  FileAccess,
  FileInfo,
  Message,
  NotifyLevel,
  Preferences,
  PresenceStatus,
  RoomSummary,
  ServerInfo,
  User,
} from '../protocol/index.js';
import type { ChatCallName, ChatCallArgs, ChatCallResult } from './calls.js';

/** Returned by every subscription: call it to stop listening. */
export type Unsubscribe = () => void;

/** Connection state of one server, as the UI shows it. */
export type ConnectionStatus =
  /** No identity yet: the UI asks for "Your name" (and the password when required). */
  | 'signed-out'
  | 'connecting'
  | 'online'
  /** Lost the connection; retrying with backoff. Messages written now are sent when back. */
  | 'offline';

/** A room or DM as the UI lists it. */
export interface RoomView extends RoomSummary {
  /** For a DM, the other person (absent for notes-to-self). */
  dmUserId?: string;
  /** Messages after the read marker written by others. */
  unread: number;
  /** Unread messages that mention the current user (DMs count as mentions). */
  mentions: number;
  muted: boolean;
  /** Ids of users typing right now (never the current user). */
  typing: string[];
}

/** One server in the sidebar. */
export interface ServerView {
  /** Local id of this server entry (stable across restarts). */
  id: string;
  /** Base URL, e.g. http://192.168.1.20:4747 */
  url: string;
  /** Server name from the server (or the host part of the URL before the first welcome). */
  name: string;
  status: ConnectionStatus;
  /** The last problem worth showing (wrong password, name taken, unreachable…). */
  error?: { code: string; message: string };
  info?: ServerInfo;
  me?: User;
  /** Short-lived credential for file links (`?access=`); the session token never reaches the UI. */
  fileAccess?: FileAccess;
  /** The person's preferences on this server (kept by the server, so every device agrees). */
  prefs: Preferences;
  /** Whether the name is protected by a personal password: signing out then keeps it. */
  protected: boolean;
  /** Rooms and DMs the user is in, rooms first, then DMs, each sorted by name. */
  rooms: RoomView[];
  /** Public rooms the user has not joined. */
  otherRooms: RoomSummary[];
  /** The people this client knows (its rooms' members, authors it showed, searches), by name. */
  users: User[];
  /** How many people the server has (search them with `searchUsers`). */
  userCount: number;
  /** True when this app hosts the server. */
  hosted: boolean;
  /** False when traffic to it can be read on the network: plain http, not on this machine. */
  encrypted: boolean;
  /** The pinned certificate fingerprint (desktop, https), and the same as words. */
  identity?: { fingerprint: string; words: string[] };
}

/** A Parley server found on the LAN (mDNS). A hint only: joining still confirms its identity. */
export interface DiscoveredServer {
  id: string;
  name: string;
  /** https://address:port (http:// when it advertises no TLS). */
  url: string;
  protocol: number;
  /** What the record claims the certificate is; not trusted until the user confirms. */
  fingerprint?: string;
  /** What a new name needs: nothing, the password, or an invite. */
  access: 'open' | 'password' | 'invite';
}

/** A server whose certificate the user must confirm before the first join (desktop). */
export interface IdentityToConfirm {
  url: string;
  /** SHA-256 of the certificate it presented (64 hex). */
  fingerprint: string;
  /** The fingerprint as words (fingerprintWords), to compare with the host's screen. */
  words: string[];
}

/** An upload or download with progress. */
export interface Transfer {
  id: string;
  kind: 'upload' | 'download';
  serverId: string;
  roomId: string;
  name: string;
  size: number;
  loaded: number;
  status: 'active' | 'done' | 'failed' | 'canceled';
  error?: string;
  /** The shared file, for downloads (so its card can show the progress). */
  fileId?: string;
}

/** The embedded server this app hosts (desktop only). */
export interface HostingView {
  serverId: string;
  name: string;
  port: number;
  /** Addresses others on the LAN can open (https://ip:port/). */
  lanUrls: string[];
  passwordRequired: boolean;
  /** The hosted server's certificate fingerprint and words, which joiners compare. */
  identity?: { fingerprint: string; words: string[] };
}

/** Settings of the desktop app (kept and applied by Electron main). */
export interface DesktopSettings {
  launchAtLogin: boolean;
  /** Closing the window keeps Parley running in the tray (else it quits). */
  closeToTray: boolean;
  /** Where downloads are saved. */
  downloadsDir: string;
}

/** What this ChatApi implementation can do. */
export interface Capabilities {
  /** Can host an embedded server (desktop). */
  host: boolean;
  /** Can add several servers (desktop); a browser guest talks to the server it came from. */
  multiServer: boolean;
}

/** Everything the UI draws except message timelines. */
export interface AppState {
  /** False until stored servers and identity are loaded. */
  ready: boolean;
  capabilities: Capabilities;
  servers: ServerView[];
  transfers: Transfer[];
  hosting?: HostingView;
  /** Parley servers found on the LAN right now (desktop; absent where nothing browses). */
  discovered?: DiscoveredServer[];
}

/** A message as the UI shows it: stored ones, and own ones still in the outbox. */
export interface TimelineMessage extends Message {
  /** sent: stored by the server; sending: waiting in the outbox; failed: refused (retry or discard). */
  status: 'sent' | 'sending' | 'failed';
  error?: string;
}

/** The loaded part of one room's history, oldest first, then the outbox. */
export interface Timeline {
  serverId: string;
  roomId: string;
  messages: TimelineMessage[];
  /** Older messages exist on the server (scroll back to load them with loadOlder). */
  hasOlder: boolean;
  /** Newer messages exist past the loaded ones (after openAt; load them with loadNewer). */
  hasNewer: boolean;
  /** The message openAt showed last: the UI scrolls to it and highlights it. */
  focusSeq?: number;
  loading: boolean;
  /** The read marker when the room was opened, for the "new messages" line. */
  readSeq: number;
}

/** A new message worth telling the user about; the UI or the shell decides with shouldNotify. */
export interface MessageNotice {
  serverId: string;
  roomId: string;
  roomName: string;
  roomKind: 'room' | 'dm';
  authorName: string;
  text: string;
  seq: number;
  mention: boolean;
  muted: boolean;
  /** The room's notification level from the person's preferences (all, mentions and DMs, none). */
  level: NotifyLevel;
  /** The person is on do-not-disturb. */
  dnd: boolean;
  /** Play a sound with the notification. */
  sound: boolean;
}

/** A file to upload: a browser File, or what the preload turns a dropped File into. */
export interface UploadSource {
  name: string;
  size: number;
  type: string;
}

/** Presence a user can choose. */
export type ChosenPresence = Exclude<PresenceStatus, 'offline'>;

/** The interface the renderer talks to. */
export interface ChatApi {
  /** Calls the listener now with the current state, then on every change. */
  onState(listener: (state: AppState) => void): Unsubscribe;
  /** Opens a room's timeline (loading its newest page) and reports it on every change. */
  onTimeline(serverId: string, roomId: string, listener: (timeline: Timeline) => void): Unsubscribe;
  /** Every new message from someone else, for notifications. */
  onNotice(listener: (notice: MessageNotice) => void): Unsubscribe;
  /** Requests from the shell to show a room (a notification was clicked). */
  onOpenRoom(listener: (target: { serverId: string; roomId: string }) => void): Unsubscribe;
  /** Runs one action; see calls.ts for every action, its arguments and result. */
  call<N extends ChatCallName>(name: N, args: ChatCallArgs<N>): Promise<ChatCallResult<N>>;
  /** Uploads a file to a room and shares it there with an optional text. Returns the transfer id. */
  upload(
    target: { serverId: string; roomId: string; text?: string },
    file: UploadSource,
  ): Promise<string>;
}

export type { FileInfo };
