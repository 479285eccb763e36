/** The Parley wordmark at the top of the start screens. */
export function Brand() {
  return (
    <header className="brand">
      <span className="brand-mark" aria-hidden="true">
        P
      </span>
      <h1>Parley</h1>
    </header>
  );
}
