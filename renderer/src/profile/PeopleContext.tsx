/**
 * What any component drawing a person needs from the screen around it: where a profile picture
 * loads from (with the short-lived file credential), and how to open someone's profile card.
 */
import { createContext, useContext } from 'react';

/** The people helpers of the current server. */
export interface PeopleHelpers {
  /** URL of a profile picture, or undefined when pictures cannot be loaded. */
  pictureSrc(imageId: string): string | undefined;
  /** Opens a person's profile card. */
  showProfile(userId: string): void;
}

const NONE: PeopleHelpers = { pictureSrc: () => undefined, showProfile: () => undefined };

/** Provided by the main screen; outside it pictures fall back to initials. */
export const PeopleContext = createContext<PeopleHelpers>(NONE);

/** The people helpers of the current server. */
export function usePeople(): PeopleHelpers {
  return useContext(PeopleContext);
}
