/**
 * A table too wide for the screen (200 % zoom, a phone) scrolls inside its `.table-wrap`; one
 * with nothing focusable in it could not be scrolled by keyboard. While a wrapper overflows it is
 * made a focusable, named region (arrow keys scroll it); when it fits again it is a plain box.
 */
function mark(el: HTMLElement): void {
  const overflows = el.scrollWidth > el.clientWidth + 1;
  if (overflows && el.dataset.scrollRegion !== 'on') {
    el.dataset.scrollRegion = 'on';
    el.tabIndex = 0;
    el.setAttribute('role', 'region');
    const caption = el.querySelector('caption')?.textContent?.trim();
    el.setAttribute('aria-label', `${caption || 'Table'} (scrolls sideways)`);
  } else if (!overflows && el.dataset.scrollRegion === 'on') {
    delete el.dataset.scrollRegion;
    el.removeAttribute('tabindex');
    el.removeAttribute('role');
    el.removeAttribute('aria-label');
  }
}

/** Watches the wrappers under `root` (added, removed, resized); returns the stop function. */
export function watchScrollRegions(root: HTMLElement): () => void {
  const resize = new ResizeObserver((entries) => entries.forEach((e) => mark(e.target as HTMLElement)));
  const seen = new Set<HTMLElement>();
  const scan = () => {
    for (const el of root.querySelectorAll<HTMLElement>('.table-wrap')) {
      if (!seen.has(el)) {
        seen.add(el);
        resize.observe(el);
      }
      mark(el);
    }
    for (const el of seen) {
      if (!el.isConnected) {
        seen.delete(el);
        resize.unobserve(el);
      }
    }
  };
  // at most one scan a frame, however many nodes a render changes
  let frame = 0;
  const mutations = new MutationObserver(() => {
    if (!frame) frame = requestAnimationFrame(() => ((frame = 0), scan()));
  });
  mutations.observe(root, { childList: true, subtree: true });
  scan();
  return () => {
    cancelAnimationFrame(frame);
    mutations.disconnect();
    resize.disconnect();
  };
}
