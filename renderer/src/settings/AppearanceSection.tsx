/** Settings → Appearance: theme and message density, for this device. */
import { ChoiceGroup } from './ChoiceGroup.js';
import { setLook, useLook, type Density, type ThemeChoice } from './lookPreferences.js';

const THEMES = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
] as const satisfies readonly { value: ThemeChoice; label: string }[];

const DENSITIES = [
  { value: 'comfortable', label: 'Comfortable' },
  { value: 'compact', label: 'Compact' },
] as const satisfies readonly { value: Density; label: string }[];

/** The appearance section. */
export function AppearanceSection() {
  const look = useLook();
  return (
    <>
      <ChoiceGroup
        legend="Theme"
        hint="System follows your device's light or dark mode."
        options={THEMES}
        value={look.theme}
        onChange={(theme) => setLook({ theme })}
      />
      <ChoiceGroup
        legend="Message density"
        hint="Compact fits more messages on screen."
        options={DENSITIES}
        value={look.density}
        onChange={(density) => setLook({ density })}
      />
    </>
  );
}
