/** How close to the window's top or bottom edge (px) the pointer starts the scroll, and the fastest step per frame. */
const EDGE = 64;
const MAX_STEP = 24;

/**
 * While a row is dragged (issue #15 item 2): when the pointer is near the top or bottom edge of the
 * window, the nearest scrolling ancestor of `element` (the console's page, or the document) scrolls,
 * faster the nearer the edge, one step per animation frame until the pointer leaves the edge or the
 * end is reached. `moved` hears the pointer's place again after each step, since the row under it
 * changed.
 */
export function autoScroll(element: HTMLElement | null, moved: (x: number, y: number) => void) {
  const container = scrollParent(element);
  let x = 0;
  let y = -1;
  let frame = 0;
  const step = () => {
    const height = window.innerHeight;
    const depth = y < EDGE ? y - EDGE : y > height - EDGE ? y - (height - EDGE) : 0;
    return Math.max(-MAX_STEP, Math.min(MAX_STEP, Math.round((MAX_STEP * depth) / EDGE)));
  };
  const tick = () => {
    frame = 0;
    if (y < 0) return;
    const delta = step();
    if (delta === 0) return;
    const before = container.scrollTop;
    container.scrollTop = before + delta;
    if (container.scrollTop === before) return;
    moved(x, y);
    frame = requestAnimationFrame(tick);
  };
  return {
    pointer(px: number, py: number) {
      x = px;
      y = Math.max(0, py);
      if (!frame) frame = requestAnimationFrame(tick);
    },
    stop() {
      y = -1;
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
    },
  };
}

function scrollParent(element: HTMLElement | null): Element {
  for (let e = element?.parentElement; e; e = e.parentElement) {
    const overflow = getComputedStyle(e).overflowY;
    if ((overflow === "auto" || overflow === "scroll") && e.scrollHeight > e.clientHeight) return e;
  }
  return document.scrollingElement ?? document.documentElement;
}
