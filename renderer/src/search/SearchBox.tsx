/** The search field in the header: Enter searches, Escape closes the results. */
import { forwardRef } from 'react';

/** Props: the text, and what to do with it. */
export interface SearchBoxProps {
  value: string;
  onChange: (value: string) => void;
  onSearch: (query: string) => void;
  onClose: () => void;
}

/** The "Search messages" field. */
export const SearchBox = forwardRef<HTMLInputElement, SearchBoxProps>(function SearchBox(
  { value, onChange, onSearch, onClose },
  ref,
) {
  return (
    <form
      className="search-box"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) onSearch(value.trim());
      }}
    >
      <input
        ref={ref}
        type="search"
        aria-label="Search messages"
        placeholder="Search messages"
        title="Words, and filters: in:#room in:@name from:@name has:file before:2026-01-31 after:2026-01-01"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            onChange('');
            onClose();
          }
        }}
      />
    </form>
  );
});
