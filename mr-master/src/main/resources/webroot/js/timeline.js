// The job's timeline as an SVG: one row per worker, one bar per attempt (laid out by the master,
// see TimelineLayout: lanes keep overlapping attempts of a worker apart), coloured by phase and
// outcome. Running attempts are striped, killed ones hatched grey, failed ones red; backups have a
// dashed outline. Hovering a bar tells the attempt; clicking it opens the attempt.

import {fill, h, svg} from './dom.js';
import * as fmt from './format.js';

const LABEL = 190;
const LANE = 11;
const GAP = 3;
const PAD = 4;
const AXIS = 22;

function stripes(id, a, b) {
  return svg('pattern', {id, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)'},
      svg('rect', {width: 6, height: 6, fill: b}), svg('rect', {width: 3, height: 6, fill: a}));
}

function niceStep(span) {
  const target = span / 8;
  const pow = Math.pow(10, Math.floor(Math.log10(Math.max(1, target))));
  for (const m of [1, 2, 5, 10]) if (m * pow >= target) return m * pow;
  return 10 * pow;
}

function short(s, n) {
  return s.length > n ? s.slice(0, n - 1) + '\u2026' : s;
}

export function legend(el) {
  const item = (cls, text) => h('span', null, h('span', {class: ['swatch', cls]}), text);
  fill(el, item('map', 'map'), item('reduce', 'reduce'), item('running', 'running'), item('failed', 'failed'),
      item('killed', 'killed'), item('backup', 'backup attempt (dashed outline)'));
}

/** Draws `tl` (a Timeline from the API) into `container`; `open(attemptId)` on a click. */
export function draw(container, noteEl, tl, open) {
  const rows = tl.rows || [];
  if (rows.length === 0) {
    fill(container, h('div', {class: 'empty'}, 'No attempts yet.'));
    fill(noteEl);
    return;
  }
  const width = Math.max(720, container.clientWidth - 18);
  const plot = width - LABEL - 10;
  const span = Math.max(1, tl.end - tl.start);
  const x = ms => LABEL + (ms / span) * plot;
  let y = AXIS;
  const rowEls = [];
  rows.forEach((r, i) => {
    const height = PAD * 2 + r.lanes * LANE + (r.lanes - 1) * GAP;
    const g = svg('g', {class: 'row', 'data-worker': r.worker});
    if (i % 2 === 0) g.appendChild(svg('rect', {class: 'row-bg', x: 0, y, width, height}));
    g.appendChild(svg('text', {class: 'row-label', x: 6, y: y + height / 2 + 4}, short(r.worker, 26), svg('title', null, r.worker)));
    for (const b of r.bars) {
      const bx = x(b.offset);
      const bw = Math.max(2, x(b.offset + b.length) - bx);
      const by = y + PAD + b.lane * (LANE + GAP);
      const tip = b.attemptId + (b.backup ? ' (backup)' : '') + '\n' + b.state + ' on ' + r.worker + '\nstarted +' + fmt.duration(b.offset)
          + ', ' + (b.state === 'RUNNING' ? 'running for ' : 'ran ') + fmt.duration(b.length);
      g.appendChild(svg('rect', {class: ['bar', b.phase, b.state, b.backup ? 'backup' : null], x: bx.toFixed(1), y: by, width: bw.toFixed(1),
        height: LANE, rx: 2, 'data-attempt': b.attemptId, onclick: () => open(b.attemptId)}, svg('title', null, tip)));
    }
    rowEls.push(g);
    y += height;
  });
  const total = y + 4;
  const ticks = [];
  const step = niceStep(span);
  for (let t = 0; t <= span; t += step) {
    const labelled = x(t) < width - 70; // no label that would run off the right edge
    ticks.push(svg('g', {class: 'tick'}, svg('line', {x1: x(t), x2: x(t), y1: AXIS - 4, y2: total}),
        labelled ? svg('text', {x: x(t) + 3, y: AXIS - 8}, t === 0 ? fmt.time(tl.start) : '+' + fmt.duration(t)) : null));
  }
  const root = svg('svg', {class: 'timeline', width, height: total, viewBox: '0 0 ' + width + ' ' + total, role: 'img',
    'aria-label': 'attempts of ' + tl.jobId + ' per worker over time'},
      svg('defs', null, stripes('running-map', '#3b82f6', '#93c5fd'), stripes('running-reduce', '#8b5cf6', '#c4b5fd'),
          stripes('killed', '#8c959f', '#d0d7de')),
      ticks, rowEls);
  fill(container, root);
  fill(noteEl, tl.shown < tl.attempts
      ? 'Showing ' + fmt.num(tl.shown) + ' of ' + fmt.num(tl.attempts) + ' attempts: failed, killed, backup and running ones first, then the longest.'
      : fmt.num(tl.attempts) + (tl.attempts === 1 ? ' attempt' : ' attempts') + ' on ' + fmt.num(rows.length) + (rows.length === 1 ? ' worker' : ' workers') + ', over ' + fmt.duration(span) + '.');
}
