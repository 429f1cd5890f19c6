// Auto-refresh without reloading the page: each page hands a function that fetches and redraws
// what it shows; it runs again `ms` after the previous run finished, not while the tab is hidden,
// and not while the user paused it. The header says when the page was last updated, or what failed.

import {byId, fill, h} from './dom.js';
import * as fmt from './format.js';

let paused = false;

/**
 * Runs `update` now and then every `ms`. `update` may return false to stop (a job that ended).
 * Returns a function that runs it at once (after a user's action).
 */
export function every(ms, update) {
  let timer = null;
  let stopped = false;
  let running = false;
  let again = false;
  const status = byId('refresh-status');
  const button = byId('refresh-toggle');
  if (button && !button.dataset.bound) {
    button.dataset.bound = '1';
    button.addEventListener('click', () => {
      paused = !paused;
      button.textContent = paused ? 'Resume auto-refresh' : 'Pause auto-refresh';
    });
  }
  async function run() {
    clearTimeout(timer);
    if (running) {
      // asked while a fetch is under way (after a user's action): that fetch may predate the
      // action, so run once more right after it rather than trust its answer
      again = true;
      return;
    }
    running = true;
    try {
      const more = await update();
      if (more === false) stopped = true;
      if (status) fill(status, 'updated ' + fmt.time(Date.now()) + (stopped ? ' (final)' : ''));
    } catch (e) {
      if (status) fill(status, h('span', {class: 'error'}, 'update failed: ' + e.message));
      console.error(e);
    } finally {
      running = false;
      if (again) {
        again = false;
        stopped = false;
        run();
      } else if (!stopped) {
        timer = setTimeout(tick, ms);
      }
    }
  }
  function tick() {
    if (paused || document.hidden) {
      timer = setTimeout(tick, ms);
      return;
    }
    run();
  }
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && !stopped && !paused) run();
  });
  run();
  return run;
}

/** Fills the footer with the time zone times are shown in. */
export function footer() {
  const f = byId('zone');
  if (f) fill(f, 'Times are in your time zone, ' + fmt.zone() + '. Sizes in binary units (1 KiB = 1,024 bytes).');
}
