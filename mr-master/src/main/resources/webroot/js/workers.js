// The workers page: every worker the master has seen, with its state, heartbeat age, slots in use,
// memory, tasks run and failed, and the disk and chunks it last reported; under a worker that runs
// executor JVMs, a small table of them (job, pid, heap, attempts). Refreshed every 2 s.

import * as api from './api.js';
import {byId, fill, h} from './dom.js';
import * as fmt from './format.js';
import {badge, jobHref, progress, tabs} from './common.js';
import {pager} from './pager.js';
import {every, footer} from './refresh.js';

const LIMIT = 100;
const view = {state: '', offset: 0};
const STATES = [{value: '', label: 'All'}, {value: 'ALIVE', label: 'Alive'}, {value: 'EXCLUDED', label: 'Excluded'},
  {value: 'AWAITED', label: 'Awaited after a master restart'}, {value: 'DEAD', label: 'Dead'}];
const ORDER = {ALIVE: 0, EXCLUDED: 1, AWAITED: 2, DEAD: 3};
const COLUMNS = 12;
const MIB = 1024 * 1024;

function cell(k, v, classes) {
  return h('div', {class: ['cell', classes]}, h('div', {class: 'k'}, k), h('div', {class: 'v'}, v));
}

function row(w, now) {
  const used = (w.running || []).length;
  const load = w.load;
  const age = w.lastHeartbeat > 0 ? Math.max(0, now - w.lastHeartbeat) : -1;
  const num = (cls, value, text, title) => h('td', {class: ['num', cls], dataset: {value}, title}, text);
  return h('tr', {dataset: {worker: w.workerId}},
      h('td', {class: 'mono c-worker', title: w.host ? 'goes by ' + [w.host].concat(w.hostNames || []).join(', ') + ' for locality' : ''},
          w.workerId),
      h('td', {class: 'mono c-address'}, w.address),
      h('td', {class: 'c-state'}, badge(w.state)),
      h('td', {class: 'num c-heartbeat', title: fmt.fullTime(w.lastHeartbeat)}, age < 0 ? '\u2013' : fmt.duration(age) + ' ago'),
      h('td', {class: 'c-slots', dataset: {used, slots: w.slots}, title: (w.running || []).join('\n') || 'idle'},
          progress(w.slots > 0 ? used / w.slots : 0, used + ' / ' + w.slots)),
      w.memoryMb > 0 ? num('c-memory', w.memoryMb, fmt.bytes(w.memoryMb * MIB), fmt.num(w.memoryMb) + ' MiB (its --memory)')
          : h('td', {class: 'num c-memory', title: 'not told at registration'}, '\u2013'),
      num('c-run', w.tasksRun, fmt.num(w.tasksRun)),
      num('c-failed', w.tasksFailed, fmt.num(w.tasksFailed)),
      load ? num('c-disk-used', load.diskUsedBytes, fmt.bytes(load.diskUsedBytes), fmt.num(load.diskUsedBytes) + ' bytes')
          : h('td', {class: 'num c-disk-used', title: 'not reported yet'}, '\u2013'),
      load ? num('c-disk-free', load.diskFreeBytes, fmt.bytes(load.diskFreeBytes), fmt.num(load.diskFreeBytes) + ' bytes')
          : h('td', {class: 'num c-disk-free', title: 'not reported yet'}, '\u2013'),
      load ? num('c-chunks', load.chunks, fmt.num(load.chunks)) : h('td', {class: 'num c-chunks'}, '\u2013'),
      h('td', {class: 'c-excluded'}, (w.excludedFrom || []).map((j, i) => [i ? ', ' : '', h('a', {href: jobHref(j), class: 'mono'}, j)])));
}

/** The worker's executor JVMs, as its latest heartbeat told, in a row under it; nothing when it runs none. */
function executorRows(w) {
  const executors = w.executors || [];
  if (!executors.length) return null;
  const rows = executors.map(e => h('tr', {dataset: {executor: e.pid, job: e.job}},
      h('td', {class: 'c-job'}, h('a', {href: jobHref(e.job), class: 'mono'}, e.job)),
      h('td', {class: 'num mono c-pid'}, String(e.pid)),
      h('td', {class: 'c-heap', dataset: {used: e.heapUsedMb, max: e.heapMaxMb}},
          progress(e.heapMaxMb > 0 ? e.heapUsedMb / e.heapMaxMb : 0, fmt.num(e.heapUsedMb) + ' / ' + fmt.num(e.heapMaxMb) + ' MiB')),
      h('td', {class: 'wrap mono c-attempts', dataset: {count: (e.attempts || []).length}},
          (e.attempts || []).length ? e.attempts.join(', ') : h('span', {class: 'muted'}, 'idle'))));
  return h('tr', {class: 'executors', dataset: {executorsOf: w.workerId}},
      h('td', {colspan: COLUMNS},
          h('table', {class: 'executors'},
              h('thead', null, h('tr', null, h('th', null, 'Executor of job'), h('th', {class: 'num'}, 'PID'),
                  h('th', null, 'Heap used / max'), h('th', null, 'Attempts running'))),
              h('tbody', null, rows))));
}

async function update() {
  const workers = await api.get('/api/v1/workers');
  const now = api.now();
  workers.sort((a, b) => (ORDER[a.state] ?? 3) - (ORDER[b.state] ?? 3) || a.workerId.localeCompare(b.workerId));
  const count = s => workers.filter(w => w.state === s).length;
  const alive = workers.filter(w => w.state !== 'DEAD' && w.state !== 'AWAITED');
  const slots = alive.reduce((n, w) => n + w.slots, 0);
  const used = alive.reduce((n, w) => n + (w.running || []).length, 0);
  const disk = workers.reduce((n, w) => n + (w.load ? w.load.diskUsedBytes : 0), 0);
  const chunks = workers.reduce((n, w) => n + (w.load ? w.load.chunks : 0), 0);
  fill(byId('workers-summary'),
      cell('Alive', fmt.num(count('ALIVE'))), cell('Excluded', fmt.num(count('EXCLUDED')), count('EXCLUDED') ? 'warn' : null),
      cell('Dead', fmt.num(count('DEAD')), count('DEAD') ? 'bad' : null),
      cell('Slots in use', fmt.num(used) + ' / ' + fmt.num(slots)),
      cell('Executors', fmt.num(alive.reduce((n, w) => n + (w.executors || []).length, 0))),
      cell('Tasks run', fmt.num(workers.reduce((n, w) => n + w.tasksRun, 0))),
      cell('Tasks failed', fmt.num(workers.reduce((n, w) => n + w.tasksFailed, 0))),
      cell('Disk used', fmt.bytes(disk)), cell('Chunks held', fmt.num(chunks)));
  fill(byId('workers-total'), fmt.num(workers.length) + (workers.length === 1 ? ' worker' : ' workers'));
  const shown = view.state ? workers.filter(w => w.state === view.state) : workers;
  if (view.offset >= shown.length) view.offset = Math.max(0, Math.floor((shown.length - 1) / LIMIT) * LIMIT);
  const page = shown.slice(view.offset, view.offset + LIMIT);
  fill(byId('workers-table').tBodies[0], page.length ? page.map(w => [row(w, now), executorRows(w)])
      : h('tr', null, h('td', {class: 'empty', colspan: COLUMNS}, 'No workers. Start one with mr-worker --master ' + location.origin)));
  pager(byId('workers-pager'), {offset: view.offset, limit: LIMIT, total: shown.length}, offset => {
    view.offset = offset;
    refresh();
  });
  tabs(byId('worker-tabs'), 'Show', STATES, view.state, value => {
    view.state = value;
    view.offset = 0;
    refresh();
  });
}

footer();
const refresh = every(2000, update);
