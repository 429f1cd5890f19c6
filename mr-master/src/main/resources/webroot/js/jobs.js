// The jobs page: every job, running ones first, one page at a time, refreshed every 2 s in place.

import * as api from './api.js';
import {byId, fill, h} from './dom.js';
import * as fmt from './format.js';
import {badge, counter, jobDuration, jobHref, progress, tabs, timeCell} from './common.js';
import {pager} from './pager.js';
import {every, footer} from './refresh.js';

const LIMIT = 50;
const params = new URLSearchParams(location.search);
const view = {state: params.get('state') || '', offset: Math.max(0, Number(params.get('offset')) || 0)};
const STATES = [{value: '', label: 'All'}, {value: 'active', label: 'Running'}, {value: 'succeeded', label: 'Succeeded'},
  {value: 'failed', label: 'Failed'}, {value: 'killed', label: 'Killed'}];

function remember() {
  const q = new URLSearchParams();
  if (view.state) q.set('state', view.state);
  if (view.offset) q.set('offset', String(view.offset));
  history.replaceState(null, '', q.toString() ? '?' + q : location.pathname);
}

function row(job, now) {
  const mapLabel = fmt.num(job.completedMaps) + ' / ' + fmt.num(job.maps);
  const reduceLabel = job.reduces === 0 ? 'none' : fmt.num(job.completedReduces) + ' / ' + fmt.num(job.reduces);
  return h('tr', {dataset: {job: job.jobId}},
      h('td', null, h('a', {class: 'job-link mono', href: jobHref(job.jobId)}, job.jobId)),
      h('td', {class: 'name'}, h('a', {class: 'job-name', href: jobHref(job.jobId), title: job.name || ''}, job.name || '(unnamed)')),
      h('td', {class: 'c-owner'}, job.owner || ''),
      h('td', {class: 'c-state'}, badge(job.state)),
      timeCell(job.submitTime),
      h('td', {class: 'num', title: job.finishTime >= 0 ? 'finished ' + fmt.fullTime(job.finishTime) : 'running'},
          fmt.duration(jobDuration(job, now))),
      h('td', null, progress(job.mapProgress, mapLabel, ['map', job.state])),
      h('td', null, job.reduces === 0 ? h('span', {class: 'muted'}, 'map-only')
          : progress(job.reduceProgress, reduceLabel, ['reduce', job.state])),
      h('td', {class: 'num', title: fmt.num(counter(job.counters, 'MAP_INPUT_BYTES')) + ' bytes'}, fmt.bytes(counter(job.counters, 'MAP_INPUT_BYTES'))),
      h('td', {class: 'num', title: fmt.num(counter(job.counters, 'OUTPUT_BYTES')) + ' bytes'}, fmt.bytes(counter(job.counters, 'OUTPUT_BYTES'))));
}

async function update() {
  const page = await api.get(api.url('/api/v1/jobs', {state: view.state, offset: view.offset, limit: LIMIT}));
  if (page.total > 0 && page.offset >= page.total) {
    view.offset = Math.floor((page.total - 1) / LIMIT) * LIMIT;
    remember();
    return update();
  }
  const now = api.now();
  const body = byId('jobs-table').tBodies[0];
  fill(body, page.items.length ? page.items.map(j => row(j, now))
      : h('tr', null, h('td', {class: 'empty', colspan: 10}, view.state ? 'No ' + view.state + ' jobs.' : 'No jobs yet. Submit one with mr-submit.')));
  fill(byId('jobs-total'), fmt.num(page.total) + (page.total === 1 ? ' job' : ' jobs'));
  const go = offset => {
    view.offset = offset;
    remember();
    refresh();
  };
  pager(byId('jobs-pager'), page, go);
  pager(byId('jobs-pager-top'), page, go);
  drawTabs();
}

function drawTabs() {
  tabs(byId('state-tabs'), 'Show', STATES, view.state, value => {
    view.state = value;
    view.offset = 0;
    remember();
    refresh();
  });
}

footer();
drawTabs();
const refresh = every(2000, update);
