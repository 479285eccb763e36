/** A tiny listener set; listeners that throw do not stop the others. */
import type { Unsubscribe } from '../api/chatApi.js';

/** Listeners of one kind of event. */
export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  /** Adds a listener; returns its remover. */
  on(listener: (value: T) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Calls every listener. */
  emit(value: T): void {
    for (const l of [...this.listeners]) {
      try {
        l(value);
      } catch {
        // A broken view must not break the engine or the other views.
      }
    }
  }

  /** Number of listeners. */
  get size(): number {
    return this.listeners.size;
  }
}
