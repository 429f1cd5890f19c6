// The job page: state and progress per phase, the command that reproduces the job, per-phase
// duration percentiles and slowest tasks, the timeline, the task table (sorted, filtered and paged
// by the master), a failed attempt's exception, stack trace and log tail, the counters in their
// groups, and a kill button. Refreshed every 2 s until the job and all its attempts have ended.

import * as api from './api.js';
import {byId, fill, h} from './dom.js';
import * as fmt from './format.js';
import {badge, counter, isFinal, jobDuration, progress, tabs, timeCell} from './common.js';
import {pager} from './pager.js';
import {every, footer} from './refresh.js';
import * as timeline from './timeline.js';

const LIMIT = 50;
const params = new URLSearchParams(location.search);
const jobId = params.get('id') || '';
const base = '/api/v1/jobs/' + api.enc(jobId);
const view = {
  type: params.get('type') || '',
  state: params.get('state') || '',
  sort: params.get('sort') || 'task',
  order: params.get('order') === 'desc' ? 'desc' : 'asc',
  offset: Math.max(0, Number(params.get('offset')) || 0),
  expanded: new Set(),
};
let job = null;

const COLUMNS = [
  {sort: 'task', label: 'Task'}, {sort: 'state', label: 'State'}, {sort: 'attempts', label: 'Attempts'},
  {sort: 'worker', label: 'Worker'}, {sort: 'start', label: 'Start'}, {sort: 'duration', label: 'Duration', num: true},
  {sort: 'inputRecords', label: 'In records', num: true}, {sort: 'inputBytes', label: 'In bytes', num: true},
  {sort: 'outputRecords', label: 'Out records', num: true}, {sort: 'outputBytes', label: 'Out bytes', num: true},
  {sort: 'locality', label: 'Locality'},
];
const TYPES = [{value: '', label: 'All'}, {value: 'map', label: 'Maps'}, {value: 'reduce', label: 'Reduces'}];
const TASK_STATES = [{value: '', label: 'All'}, {value: 'waiting', label: 'Waiting'}, {value: 'running', label: 'Running'},
  {value: 'committing', label: 'Committing'}, {value: 'succeeded', label: 'Succeeded'}, {value: 'failed', label: 'Failed'},
  {value: 'killed', label: 'Killed'}];

function remember() {
  const q = new URLSearchParams({id: jobId});
  for (const k of ['type', 'state']) if (view[k]) q.set(k, view[k]);
  if (view.sort !== 'task') q.set('sort', view.sort);
  if (view.order !== 'asc') q.set('order', view.order);
  if (view.offset) q.set('offset', String(view.offset));
  history.replaceState(null, '', '?' + q + location.hash);
}

function cell(k, v, opts) {
  const o = opts || {};
  return h('div', {class: ['cell', o.classes], title: o.title}, h('div', {class: 'k'}, k), h('div', {class: ['v', o.mono ? 'mono' : null]}, v),
      o.sub ? h('div', {class: 'sub'}, o.sub) : null);
}

// ---- the job itself

function drawJob(j) {
  document.title = (j.name || j.jobId) + ' \u00b7 ' + j.jobId + ' \u00b7 mr';
  fill(byId('job-name'), j.name || '(unnamed job)');
  fill(byId('job-id'), j.jobId);
  fill(byId('job-state'), badge(j.state), j.phase && j.phase !== j.state ? badge(j.phase, 'phase') : null);
  byId('kill').classList.toggle('hidden', isFinal(j.state));
  fill(byId('diagnostics'), j.diagnostics ? h('div', {class: 'notice', id: 'diagnostics-text'}, j.diagnostics) : null);
  const now = api.now();
  const c = name => counter(j.counters, name);
  const ran = jobDuration(j, now);
  fill(byId('job-summary'),
      cell('Submitted', fmt.time(j.submitTime), {title: fmt.fullTime(j.submitTime)}),
      cell(j.finishTime >= 0 ? 'Finished' : 'Running for', j.finishTime >= 0 ? fmt.time(j.finishTime) : fmt.duration(ran),
          {title: fmt.fullTime(j.finishTime)}),
      cell('Duration', fmt.duration(ran)),
      cell('Owner', j.owner || '(not recorded)'),
      cell('Input', j.input, {mono: true, title: j.input}),
      cell('Output', j.output, {mono: true, title: j.output}),
      cell('Read', fmt.bytes(c('MAP_INPUT_BYTES')), {title: fmt.num(c('MAP_INPUT_BYTES')) + ' bytes', sub: fmt.num(c('MAP_INPUT_RECORDS')) + ' records'}),
      cell('Shuffled', fmt.bytes(c('SHUFFLE_BYTES')), {title: fmt.num(c('SHUFFLE_BYTES')) + ' bytes', sub: fmt.num(c('REDUCE_INPUT_RECORDS')) + ' records'}),
      cell('Written', fmt.bytes(c('OUTPUT_BYTES')), {title: fmt.num(c('OUTPUT_BYTES')) + ' bytes', sub: fmt.num(c('OUTPUT_RECORDS')) + ' records'}),
      cell('Throughput', fmt.rate(c('MAP_INPUT_BYTES'), ran, 'bytes'), {sub: fmt.rate(c('MAP_INPUT_RECORDS'), ran, 'records')}));
  fill(byId('progress'),
      h('div', {class: 'k'}, 'Map'),
      h('div', {class: 'v'}, progress(j.mapProgress, fmt.num(j.completedMaps) + ' / ' + fmt.num(j.maps) + ' tasks \u00b7 ' + fmt.percent(j.mapProgress),
          ['wide', 'map', j.state])),
      h('div', {class: 'k'}, 'Reduce'),
      h('div', {class: 'v'}, j.reduces === 0 ? h('span', {class: 'muted'}, 'none (map-only job)')
          : progress(j.reduceProgress, fmt.num(j.completedReduces) + ' / ' + fmt.num(j.reduces) + ' tasks \u00b7 ' + fmt.percent(j.reduceProgress),
              ['wide', 'reduce', j.state])));
  fill(byId('command'), j.command || '(not known)');
  drawCounters(j.counters || {});
}

function drawCounters(groups) {
  const names = Object.keys(groups).sort((a, b) => (a === 'Framework' ? -1 : b === 'Framework' ? 1 : a.localeCompare(b)));
  fill(byId('counters'), names.length === 0 ? h('div', {class: 'muted'}, 'No counters yet: they add up as tasks succeed.')
      : names.map(g => h('table', {class: 'counter-group', dataset: {group: g}},
          h('caption', null, g),
          h('tbody', null, Object.entries(groups[g]).map(([name, value]) => h('tr', {dataset: {group: g, name}},
              h('td', {class: 'wrap'}, name),
              h('td', {class: 'value', dataset: {value}, title: fmt.num(value)}, fmt.num(value),
                  /BYTES/.test(name) ? h('span', {class: 'unit'}, fmt.bytes(value)) : null)))))));
}

// ---- phases

function drawPhases(stats) {
  const now = stats.now;
  fill(byId('phases'), stats.phases.length === 0 ? h('div', {class: 'muted'}, 'No task figures: see the note at the top.')
      : stats.phases.map(p => {
        const wall = p.firstStart < 0 ? 0 : (p.lastFinish >= 0 ? p.lastFinish : now) - p.firstStart;
        const pct = (k, v) => h('div', {class: 'p'}, h('div', {class: 'k'}, k), h('div', {class: 'v', dataset: {ms: v}}, v < 0 ? '\u2013' : fmt.duration(v)));
        return h('div', {class: 'card phase', dataset: {phase: p.phase}},
            h('h3', null, p.phase === 'map' ? 'Map phase' : 'Reduce phase'),
            h('div', {class: 'kv'},
                h('div', {class: 'k'}, 'Tasks'), h('div', {class: 'v'}, fmt.num(p.tasks) + ': ' + fmt.num(p.succeeded) + ' succeeded, '
                    + fmt.num(p.running) + ' running, ' + fmt.num(p.waiting) + ' waiting, ' + fmt.num(p.failed) + ' failed, ' + fmt.num(p.killed) + ' killed'),
                h('div', {class: 'k'}, 'Attempts'), h('div', {class: 'v'}, fmt.num(p.attempts) + ': ' + fmt.num(p.failedAttempts) + ' failed, '
                    + fmt.num(p.killedAttempts) + ' killed, ' + fmt.num(p.backupAttempts) + ' backups'),
                h('div', {class: 'k'}, 'Wall time'), h('div', {class: 'v', title: fmt.fullTime(p.firstStart)},
                    p.firstStart < 0 ? 'not started' : fmt.duration(wall) + (p.lastFinish >= 0 ? '' : ' so far')),
                h('div', {class: 'k'}, 'Read'), h('div', {class: 'v'}, fmt.num(p.inputRecords) + ' records, ' + fmt.bytes(p.inputBytes)
                    + ' (' + fmt.rate(p.inputRecords, wall, 'records') + ', ' + fmt.rate(p.inputBytes, wall, 'bytes') + ')'),
                h('div', {class: 'k'}, 'Wrote'), h('div', {class: 'v'}, fmt.num(p.outputRecords) + ' records, ' + fmt.bytes(p.outputBytes))),
            h('div', {class: 'muted'}, 'Durations of the ' + fmt.num(p.durations) + ' attempts that succeeded'
                + (p.durations > 0 ? ' (mean ' + fmt.duration(p.mean) + ')' : '') + ':'),
            h('div', {class: 'percentiles'}, pct('p50', p.p50), pct('p90', p.p90), pct('p99', p.p99), pct('max', p.max)),
            p.slowest.length === 0 ? null : [h('div', {class: 'muted'}, 'Slowest tasks'),
              h('table', {class: 'slowest'}, h('thead', null, h('tr', null, h('th', null, 'Task'), h('th', null, 'State'), h('th', null, 'Worker'),
                  h('th', {class: 'num'}, 'Duration'), h('th', {class: 'num'}, 'Attempts'))),
              h('tbody', null, p.slowest.map(s => h('tr', {dataset: {task: s.taskId}},
                  h('td', {class: 'mono'}, s.taskId), h('td', null, badge(s.state)), h('td', {class: 'mono'}, s.worker || '\u2013'),
                  h('td', {class: 'num'}, fmt.duration(s.duration)), h('td', {class: 'num'}, fmt.num(s.attempts))))))]);
      }));
}

// ---- tasks

/** What a task read and wrote, by the rule the master sorts with (TaskFigures). */
function figures(t) {
  if (!t.counters) return null;
  const c = name => counter(t.counters, name);
  if (t.type === 'map') {
    return {inRecords: c('MAP_INPUT_RECORDS'), inBytes: c('MAP_INPUT_BYTES'),
      outRecords: c('MAP_OUTPUT_RECORDS') + c('OUTPUT_RECORDS'), outBytes: c('MAP_OUTPUT_BYTES') + c('OUTPUT_BYTES')};
  }
  return {inRecords: c('REDUCE_INPUT_RECORDS'), inBytes: c('SHUFFLE_BYTES'), outRecords: c('OUTPUT_RECORDS'), outBytes: c('OUTPUT_BYTES')};
}

function spanOf(start, finish, now) {
  if (start < 0) return -1;
  return Math.max(0, (finish >= 0 ? finish : now) - start);
}

function numCell(cls, value, kind) {
  if (value === null || value === undefined) return h('td', {class: ['num', cls]}, '\u2013');
  return h('td', {class: ['num', cls], dataset: {value}, title: fmt.num(value) + (kind === 'bytes' ? ' bytes' : '')},
      kind === 'bytes' ? fmt.bytes(value) : fmt.num(value));
}

function taskRows(t, now) {
  const f = figures(t);
  const failed = t.attempts.filter(a => a.state === 'FAILED').length;
  const open = view.expanded.has(t.taskId);
  const rows = [h('tr', {class: 'task', dataset: {task: t.taskId}},
      h('td', {class: 'c-task mono'}, t.taskId),
      h('td', {class: 'c-state'}, badge(t.state)),
      h('td', {class: 'c-attempts', dataset: {value: t.attempts.length}},
          h('button', {type: 'button', class: 'link expand', title: open ? 'hide attempts' : 'show attempts', onclick: () => toggle(t.taskId)},
              String(t.attempts.length) + (open ? ' \u25be' : ' \u25b8')),
          failed ? h('span', {class: 'badge FAILED', title: failed + ' failed attempts'}, failed + ' failed') : null),
      h('td', {class: 'c-worker mono'}, t.worker || '\u2013'),
      timeCell(t.startTime, 'c-start'),
      h('td', {class: 'num c-duration'}, fmt.duration(spanOf(t.startTime, t.finishTime, now))),
      numCell('c-in-records', f && f.inRecords), numCell('c-in-bytes', f && f.inBytes, 'bytes'),
      numCell('c-out-records', f && f.outRecords), numCell('c-out-bytes', f && f.outBytes, 'bytes'),
      h('td', {class: 'c-locality'}, t.type === 'reduce' || t.dataLocal === null || t.dataLocal === undefined ? '\u2013'
          : t.dataLocal ? 'local' : 'remote'))];
  if (open) {
    for (const a of t.attempts) {
      rows.push(h('tr', {class: 'attempt', dataset: {attempt: a.attemptId}},
          h('td', {class: 'mono'}, a.attemptId),
          h('td', null, badge(a.state), a.backup ? h('span', {class: 'badge backup'}, 'backup') : null),
          h('td', {class: 'num'}, a.state === 'RUNNING' ? fmt.percent(a.progress) : ''),
          h('td', {class: 'mono'}, a.worker),
          timeCell(a.startTime),
          h('td', {class: 'num'}, fmt.duration(spanOf(a.startTime, a.finishTime, now))),
          h('td', {colspan: 4}, a.error ? h('button', {type: 'button', class: 'link trace-button', dataset: {attempt: a.attemptId},
            onclick: () => openAttempt(a.attemptId)}, a.state === 'FAILED' ? 'exception, stack trace and log' : 'why it ended')
              : a.statusMessage ? h('span', {class: 'status-message', title: 'status message of its task'}, a.statusMessage)
              : h('span', {class: 'muted'}, a.state === 'RUNNING' ? 'running' : '')),
          h('td', null, t.type === 'reduce' ? '\u2013' : a.dataLocal ? 'local' : 'remote')));
    }
  }
  return rows;
}

function toggle(taskId) {
  if (view.expanded.has(taskId)) view.expanded.delete(taskId);
  else view.expanded.add(taskId);
  loadTasks();
}

function drawHead() {
  fill(byId('tasks-head'), COLUMNS.map(c => h('th', {
    class: ['sortable', c.num ? 'num' : null, view.sort === c.sort ? 'sorted-' + view.order : null],
    dataset: {sort: c.sort}, title: 'sort by ' + c.label.toLowerCase(),
    onclick: () => {
      if (view.sort === c.sort) view.order = view.order === 'asc' ? 'desc' : 'asc';
      else {
        view.sort = c.sort;
        view.order = c.num || c.sort === 'attempts' ? 'desc' : 'asc';
      }
      view.offset = 0;
      remember();
      loadTasks();
    },
  }, c.label)));
  tabs(byId('type-tabs'), 'Type', TYPES, view.type, v => {
    view.type = v;
    view.offset = 0;
    remember();
    loadTasks();
  });
  tabs(byId('task-state-tabs'), 'State', TASK_STATES, view.state, v => {
    view.state = v;
    view.offset = 0;
    remember();
    loadTasks();
  });
}

async function loadTasks() {
  const page = await api.get(api.url(base + '/tasks', {type: view.type, state: view.state, sort: view.sort, order: view.order,
    offset: view.offset, limit: LIMIT}));
  const now = api.now();
  drawHead();
  fill(byId('tasks').tBodies[0], page.items.length ? page.items.map(t => taskRows(t, now))
      : h('tr', null, h('td', {class: 'empty', colspan: COLUMNS.length},
          job && isFinal(job.state) && job.maps + job.reduces > 0 && page.total === 0 && !view.type && !view.state
            ? 'No tasks kept: see the note at the top.' : 'No tasks match.')));
  const go = offset => {
    view.offset = offset;
    remember();
    loadTasks();
  };
  pager(byId('tasks-pager'), page, go);
  pager(byId('tasks-pager-top'), page, go);
}

// ---- one attempt: its exception, stack trace and log tail

function attemptFromHash() {
  const m = /^#attempt=(.+)$/.exec(location.hash);
  return m ? decodeURIComponent(m[1]) : null;
}

function openAttempt(attemptId) {
  if (attemptFromHash() === attemptId) drawAttempt(attemptId);
  else location.hash = 'attempt=' + encodeURIComponent(attemptId);
}

async function drawAttempt(attemptId) {
  const panel = byId('attempt-panel');
  if (!attemptId) {
    panel.classList.add('hidden');
    fill(panel);
    return;
  }
  let a;
  try {
    a = await api.get(base + '/attempts/' + api.enc(attemptId));
  } catch (e) {
    panel.classList.remove('hidden');
    fill(panel, h('div', {class: 'notice'}, 'Attempt ' + attemptId + ': ' + e.message));
    return;
  }
  const now = api.now();
  panel.classList.remove('hidden');
  panel.classList.toggle('ok', a.state !== 'FAILED');
  fill(panel,
      h('header', null, h('h3', null, 'Attempt ', h('span', {class: 'mono'}, a.attemptId)), badge(a.state),
          a.backup ? h('span', {class: 'badge backup'}, 'backup') : null,
          h('button', {type: 'button', id: 'close-attempt', onclick: () => {
            history.replaceState(null, '', location.pathname + location.search);
            drawAttempt(null);
          }}, 'Close')),
      h('div', {class: 'kv'},
          h('div', {class: 'k'}, 'Worker'), h('div', {class: 'v mono'}, a.worker),
          h('div', {class: 'k'}, 'Started'), h('div', {class: 'v', title: fmt.fullTime(a.startTime)}, fmt.time(a.startTime)),
          h('div', {class: 'k'}, 'Ran'), h('div', {class: 'v'}, fmt.duration(spanOf(a.startTime, a.finishTime, now))),
          h('div', {class: 'k'}, 'Input'), h('div', {class: 'v'}, a.dataLocal ? 'data-local' : 'remote')),
      h('h3', null, a.state === 'FAILED' ? 'Exception and stack trace' : 'Why it ended'),
      h('pre', {class: 'error', id: 'attempt-error'}, a.error || '(none)'),
      h('h3', null, 'Log tail'),
      h('pre', {class: 'log', id: 'attempt-log'}, a.log || '(the worker sent no log for this attempt)'));
  panel.scrollIntoView({block: 'start'});
}

// ---- kill, copy

byId('kill').addEventListener('click', async () => {
  if (!job || isFinal(job.state)) return;
  const label = job.name ? job.jobId + ' (' + job.name + ')' : job.jobId;
  if (!window.confirm('Kill job ' + label + '?\n\nIts running attempts are stopped and its output is removed. This cannot be undone.')) return;
  try {
    job = await api.post(base + '/kill');
    drawJob(job);
  } catch (e) {
    fill(byId('job-error'), h('div', {class: 'notice'}, 'Could not kill the job: ' + e.message));
  }
  refresh();
});

byId('copy-command').addEventListener('click', async () => {
  const text = byId('command').textContent;
  const button = byId('copy-command');
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch (e) {
    const range = document.createRange();
    range.selectNodeContents(byId('command'));
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    button.textContent = 'Selected: press Ctrl+C';
  }
  setTimeout(() => { button.textContent = 'Copy'; }, 2000);
});

window.addEventListener('hashchange', () => drawAttempt(attemptFromHash()));

// ---- refresh

async function update() {
  if (!jobId) {
    fill(byId('job-error'), h('div', {class: 'notice'}, 'No job given: open a job from the jobs page.'));
    return false;
  }
  let j;
  try {
    j = await api.get(base);
  } catch (e) {
    if (e.status === 404) {
      fill(byId('job-error'), h('div', {class: 'notice'}, e.message));
      return false;
    }
    throw e;
  }
  job = j;
  fill(byId('job-error'));
  drawJob(j);
  const [stats, tl] = await Promise.all([api.get(base + '/stats'), api.get(base + '/timeline'), loadTasks()]);
  // an ended job whose tasks the master does not keep (beyond its history, or a damaged file): why
  fill(byId('history-note'), stats.note ? h('div', {class: 'notice warn', id: 'history-note-text'},
      'Only the summary of this job is kept: ' + stats.note) : null);
  drawPhases(stats);
  timeline.draw(byId('timeline'), byId('timeline-note'), tl, openAttempt);
  // decided on this run's own answers (the kill button may have replaced `job` meanwhile); an
  // ended job is followed until none of its attempts runs, so killed ones show as killed
  const stillRunning = (tl.rows || []).some(r => r.bars.some(b => b.state === 'RUNNING' || b.state === 'COMMITTING'));
  return !isFinal(j.state) || stillRunning;
}

footer();
timeline.legend(byId('timeline-legend'));
drawHead();
fill(byId('job-id'), jobId);
const refresh = every(2000, update);
drawAttempt(attemptFromHash());
