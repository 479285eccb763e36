/** A labelled group of radio buttons drawn as segmented choices. */
import { useId } from 'react';

/** Props: the legend, the options, the value and the change. */
export interface ChoiceGroupProps<T extends string> {
  legend: string;
  /** A line under the legend saying what the choice does. */
  hint?: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
}

/** A fieldset of radios; arrow keys move between them as browsers do for radio groups. */
export function ChoiceGroup<T extends string>({
  legend,
  hint,
  options,
  value,
  onChange,
}: ChoiceGroupProps<T>) {
  const name = useId();
  const hintId = useId();
  return (
    <fieldset className="choice-group" aria-describedby={hint ? hintId : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p id={hintId} className="muted choice-hint">
          {hint}
        </p>
      )}
      <div className="choices">
        {options.map((o) => (
          <label key={o.value} className={o.value === value ? 'choice checked' : 'choice'}>
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={o.value === value}
              onChange={() => onChange(o.value)}
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
