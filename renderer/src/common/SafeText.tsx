/** A name from someone else, isolated (<bdi>) with its direction controls made visible. */
import { neutralise } from '../helpers/bidi.js';

/** Props: the name, and an optional class. */
export interface SafeTextProps {
  text: string;
  className?: string;
  title?: string;
}

/** The isolated, neutralised text. */
export function SafeText({ text, className, title }: SafeTextProps) {
  return (
    <bdi className={className} title={title === undefined ? undefined : neutralise(title)}>
      {neutralise(text)}
    </bdi>
  );
}
