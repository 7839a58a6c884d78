/**
 * The status strip: queue depth, connected workers and predictions per second from
 * /api/v1/stats, refreshed every few seconds while the tab is visible. When the server gives no
 * rate, it is derived from the growth of the `done` count between two polls.
 */
import { getStats } from './api.js';
import { h, replace } from './dom.js';
import type { Stats } from './types.js';

const PERIOD_MS = 3000;

function fmt(n: number | undefined, digits = 0): string {
  return n === undefined ? '—' : n.toLocaleString(undefined, { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function item(label: string, value: string, testId: string): HTMLElement {
  return h('span', { class: 'stat' }, h('span', { class: 'stat-label' }, label), ' ', h('strong', { 'data-stat': testId }, value));
}

/** Starts polling; `refresh` asks for fresh figures now (e.g. after a result arrived). */
export function startStatusStrip(el: HTMLElement): { refresh(): void } {
  let last: { done: number; at: number } | undefined;
  let timer: number | undefined;
  let running = false;

  function render(s: Stats): void {
    let rate = s.perSecond;
    const now = performance.now();
    if (rate === undefined && s.done !== undefined) {
      if (last) rate = Math.max(0, (s.done - last.done) / ((now - last.at) / 1000));
      last = { done: s.done, at: now };
    }
    el.classList.remove('down');
    replace(el,
      h('span', { class: 'dot ok', 'aria-hidden': 'true' }),
      h('span', { class: 'stat' }, 'Service up'),
      item('Queue', fmt(s.queueDepth), 'queue'),
      item('Workers', fmt(s.workers), 'workers'),
      item('Predictions/s', fmt(rate, 1), 'rate'),
    );
  }

  async function tick(): Promise<void> {
    timer = undefined;
    running = true;
    try {
      render(await getStats());
    } catch (e) {
      el.classList.add('down');
      const why = e instanceof Error ? e.message : String(e);
      replace(el, h('span', { class: 'dot bad', 'aria-hidden': 'true' }), h('span', { class: 'stat' }, `Status unavailable: ${why}`));
    }
    running = false;
    if (!document.hidden) timer = window.setTimeout(() => void tick(), PERIOD_MS);
  }

  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && timer === undefined && !running) void tick();
  });
  void tick();
  return {
    refresh() {
      if (running || document.hidden) return;
      if (timer !== undefined) window.clearTimeout(timer);
      void tick();
    },
  };
}
