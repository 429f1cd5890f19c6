// Pieces several pages draw the same way: state badges, progress bars, links to jobs.

import {fill, h} from './dom.js';
import * as fmt from './format.js';

export function badge(state, extra) {
  return h('span', {class: ['badge', state, extra]}, state);
}

/** A bar filled to `fraction` (0..1) with a label on it. */
export function progress(fraction, label, classes) {
  const f = Math.max(0, Math.min(1, Number(fraction) || 0));
  const fillEl = h('div', {class: 'fill'});
  fillEl.style.width = (f * 100).toFixed(1) + '%';
  return h('div', {class: ['progress', classes], title: label}, fillEl, h('div', {class: 'text'}, label));
}

export function jobHref(jobId) {
  return 'job.html?id=' + encodeURIComponent(jobId);
}

/** A job's end, or the master's now while it runs, minus its submit time. */
export function jobDuration(job, now) {
  const end = job.finishTime >= 0 ? job.finishTime : now;
  return Math.max(0, end - job.submitTime);
}

export function isFinal(state) {
  return state === 'SUCCEEDED' || state === 'FAILED' || state === 'KILLED';
}

export function counter(counters, name) {
  const g = counters && counters.Framework;
  return g && g[name] !== undefined ? g[name] : 0;
}

/** A <td> with the time in short form and the full local time as its tooltip. */
export function timeCell(ms, classes) {
  return h('td', {class: classes, title: fmt.fullTime(ms)}, fmt.time(ms));
}

/** Tabs that choose one value: [{value, label}], the current value, and what to do on a click. */
export function tabs(el, label, options, current, choose) {
  fill(el, h('span', {class: 'label'}, label),
      options.map(o => h('button', {type: 'button', class: o.value === current ? 'on' : null, dataset: {value: o.value},
        onclick: () => choose(o.value)}, o.label)));
}
