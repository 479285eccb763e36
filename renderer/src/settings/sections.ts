/**
 * The sections of the Settings dialog, in order. Each is its own component; add a section by
 * adding an entry here. `available` hides a section where it means nothing (desktop-only
 * settings in a browser tab, account settings while signed out).
 */
import type { ComponentType } from 'react';
import type { AppState, ServerView } from '../../../shared/api/index.js';
import { AccountSection } from './AccountSection.js';
import { AppearanceSection } from './AppearanceSection.js';
import { DesktopSection } from './DesktopSection.js';
import { NotificationSection } from './NotificationSection.js';
import { ProfileSection } from './ProfileSection.js';

/** What every section gets: the app state and the server the dialog was opened on. */
export interface SettingsSectionProps {
  state: AppState;
  server: ServerView;
}

/** One section: its tab label (also the panel's name) and its component. */
export interface SettingsSection {
  id: string;
  label: string;
  Component: ComponentType<SettingsSectionProps>;
  available?: (props: SettingsSectionProps) => boolean;
}

/** Every section, in tab order. */
export const SETTINGS_SECTIONS: readonly SettingsSection[] = [
  { id: 'appearance', label: 'Appearance', Component: AppearanceSection },
  {
    id: 'profile',
    label: 'Profile',
    Component: ProfileSection,
    available: ({ server }) => !!server.me,
  },
  {
    id: 'account',
    label: 'Your name',
    Component: AccountSection,
    available: ({ server }) => !!server.me,
  },
  {
    id: 'notifications',
    label: 'Notifications',
    Component: NotificationSection,
    available: ({ server }) => !!server.me,
  },
  {
    id: 'desktop',
    label: 'Desktop',
    Component: DesktopSection,
    // Only the desktop app can host, and only it has these settings.
    available: ({ state }) => state.capabilities.host,
  },
];
