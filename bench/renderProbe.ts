/// <reference lib="dom" />
/**
 * Code that runs inside the page (serialized by playwright), so it may use only the DOM and
 * what it is given. It times in the page's own clock: a probe that polled from outside would
 * add its round trips to every figure. (The DOM lib reference is for this file's page code;
 * the main tsconfig already type-checks every folder with it.)
 */

/** What the page records about itself. */
export interface PageProbe {
  /** performance.now() of the action being timed: 0 (navigation start) or the last Enter/click. */
  start: number;
  /** performance.now() in the first animation frame where the marker text was on screen. */
  shown: number;
}

/** State the probe keeps on window. */
type ProbeWindow = Window & { __bench?: PageProbe & { marker: string } };

/**
 * Installed before any page script: remembers when the user acts (Enter, click), and checks
 * once per animation frame whether an element holding `marker` is inside the viewport.
 */
export function installProbe(marker: string): void {
  const w = window as ProbeWindow;
  const probe = { start: 0, shown: NaN, marker };
  w.__bench = probe;
  const act = (e: Event) => {
    if (e.isTrusted && (!(e instanceof KeyboardEvent) || e.key === 'Enter')) {
      probe.start = e.timeStamp;
      probe.shown = NaN;
    }
  };
  addEventListener('keydown', act, true);
  addEventListener('click', act, true);
  const onScreen = () => {
    const hit = document.evaluate(
      `//*[contains(text(), ${JSON.stringify(probe.marker)})]`,
      document,
      null,
      XPathResult.FIRST_ORDERED_NODE_TYPE,
      null,
    ).singleNodeValue as Element | null;
    if (!hit) return false;
    const r = hit.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight;
  };
  const tick = () => {
    if (Number.isNaN(probe.shown) && document.body && onScreen()) probe.shown = performance.now();
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/**
 * Where the message list may be, best first: an ARIA log, else react-virtuoso's scroller.
 * Page functions get it as an argument (they cannot call anything defined out here).
 */
export const LIST_SELECTORS = [
  '[role="log"]',
  '[data-virtuoso-scroller="true"]',
  '[data-testid="virtuoso-scroller"]',
];

/** Element counts: inside the message list (and which element that was), and in the document. */
export function countNodes(selectors: string[]): {
  list: string;
  listNodes: number;
  documentNodes: number;
} {
  const list = selectors.map((s) => document.querySelector(s)).find((e) => e) ?? null;
  return {
    list: list
      ? `${list.tagName.toLowerCase()}${list.getAttribute('role') ? `[role=${list.getAttribute('role')}]` : ''}`
      : 'not found',
    listNodes: list ? list.querySelectorAll('*').length + 1 : NaN,
    documentNodes: document.querySelectorAll('*').length,
  };
}

/** Frame deltas while scrolling up; and the smallest message number seen on the way. */
export interface ScrollTrace {
  deltas: number[];
  oldestSeen: number;
  scroller: string;
}

/**
 * Scrolls the message list up by `step` pixels every animation frame for `ms`, recording the
 * time between frames. Message texts start with `#<seq> `, so the oldest number on screen shows
 * how far into history the scroll got.
 */
export function scrollUp(args: {
  ms: number;
  step: number;
  selectors: string[];
}): Promise<ScrollTrace> {
  const list = args.selectors.map((s) => document.querySelector(s)).find((e) => e) ?? null;
  // The element that scrolls: virtuoso's scroller inside the list, else the list or what holds it.
  const scrollable = (el: Element | null): Element | null => {
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e).overflowY;
      if ((s === 'auto' || s === 'scroll') && e.scrollHeight > e.clientHeight) return e;
    }
    return null;
  };
  const scroller =
    (list ? scrollable(list.querySelector('[data-virtuoso-scroller="true"]')) : null) ??
    scrollable(list) ??
    document.scrollingElement;
  const oldest = () => {
    let min = Infinity;
    for (const m of (list ?? document.body).textContent?.matchAll(/#(\d+) /g) ?? [])
      min = Math.min(min, Number(m[1]));
    return min;
  };
  return new Promise((resolve) => {
    const deltas: number[] = [];
    let oldestSeen = oldest();
    let last = performance.now();
    const end = last + args.ms;
    const frame = (now: number) => {
      deltas.push(now - last);
      last = now;
      scroller?.scrollBy(0, -args.step);
      if (deltas.length % 10 === 0) oldestSeen = Math.min(oldestSeen, oldest());
      if (now < end) requestAnimationFrame(frame);
      else
        resolve({
          deltas: deltas.slice(1),
          oldestSeen: Math.min(oldestSeen, oldest()),
          scroller: scroller
            ? `${scroller.tagName.toLowerCase()}${scroller.hasAttribute('data-virtuoso-scroller') ? '[data-virtuoso-scroller]' : ''}`
            : 'none',
        });
    };
    requestAnimationFrame(frame);
  });
}
