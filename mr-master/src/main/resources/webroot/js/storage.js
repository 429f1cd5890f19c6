// The storage page: dfs-lite's health (files, bytes, chunks by health, re-replication in flight,
// chunk servers) and a browsable namespace, one page of a directory at a time.

import * as api from './api.js';
import {byId, fill, h} from './dom.js';
import * as fmt from './format.js';
import {badge} from './common.js';
import {pager} from './pager.js';
import {every, footer} from './refresh.js';

const LIMIT = 100;
const params = new URLSearchParams(location.search);
const view = {path: params.get('path') || '/', offset: Math.max(0, Number(params.get('offset')) || 0)};

/** A figure: its label, its text, and its raw value in data-value (what tests compare with the API). */
function cell(key, k, raw, v, classes, title) {
  return h('div', {class: ['cell', classes], title, dataset: {key, value: raw}}, h('div', {class: 'k'}, k), h('div', {class: 'v'}, v));
}

function hrefOf(path, offset) {
  return 'storage.html?path=' + encodeURIComponent(path) + (offset ? '&offset=' + offset : '');
}

function crumbs(path) {
  const parts = path.split('/').filter(Boolean);
  const out = [h('a', {href: hrefOf('/'), dataset: {path: '/'}}, 'dfs:/')];
  let at = '';
  parts.forEach((p, i) => {
    at += '/' + p;
    out.push(i === parts.length - 1 ? h('span', null, p) : h('a', {href: hrefOf(at), dataset: {path: at}}, p), i < parts.length - 1 ? '/' : '');
  });
  return out;
}

async function updateHealth() {
  const s = await api.get('/api/v1/storage');
  fill(byId('safe-mode'), s.safeMode ? h('div', {class: 'notice warn'}, 'Safe mode: ' + (s.safeModeDetail || 'waiting for chunk reports')) : null);
  const alive = s.servers.filter(x => x.alive).length;
  fill(byId('storage-summary'),
      cell('files', 'Files', s.files, fmt.num(s.files)),
      cell('bytes', 'Bytes', s.bytes, fmt.bytes(s.bytes), null, fmt.num(s.bytes) + ' bytes, one copy each'),
      cell('chunks', 'Chunks', s.chunks, fmt.num(s.chunks)),
      cell('healthy', 'Healthy', s.healthy, fmt.num(s.healthy)),
      cell('underReplicated', 'Under-replicated', s.underReplicated, fmt.num(s.underReplicated), s.underReplicated ? 'warn' : null),
      cell('corrupt', 'Corrupt', s.corrupt, fmt.num(s.corrupt), s.corrupt ? 'bad' : null),
      cell('missing', 'Missing', s.missing, fmt.num(s.missing), s.missing ? 'bad' : null),
      cell('copiesInFlight', 'Re-replication in flight', s.copiesInFlight, fmt.num(s.copiesInFlight), s.copiesInFlight ? 'warn' : null),
      cell('servers', 'Chunk servers', alive, fmt.num(alive) + ' / ' + fmt.num(s.servers.length) + ' alive'));
  fill(byId('servers').tBodies[0], s.servers.length ? s.servers.map(x => h('tr', null,
      h('td', {class: 'mono'}, x.server), h('td', {class: 'mono'}, x.address),
      h('td', null, badge(x.alive ? 'ALIVE' : 'DEAD')),
      h('td', {class: 'num'}, fmt.num(x.replicas)),
      h('td', {class: 'num', title: fmt.num(x.freeBytes) + ' bytes'}, fmt.bytes(x.freeBytes)),
      h('td', {class: 'num'}, fmt.duration(x.millisSinceHeartbeat) + ' ago')))
      : h('tr', null, h('td', {class: 'empty', colspan: 6}, 'No chunk servers have reported.')));
}

async function updateListing() {
  fill(byId('crumbs'), crumbs(view.path));
  const body = byId('listing').tBodies[0];
  let page;
  try {
    page = await api.get(api.url('/api/v1/storage/ls', {path: view.path, offset: view.offset, limit: LIMIT}));
  } catch (e) {
    if (e.status === 404) {
      fill(body, h('tr', null, h('td', {class: 'empty', colspan: 5}, e.message)));
      fill(byId('listing-pager'));
      return;
    }
    throw e;
  }
  fill(body, page.items.length ? page.items.map(e => h('tr', {dataset: {path: e.path}},
      h('td', {class: 'mono'}, e.directory ? h('a', {href: hrefOf(e.path), class: 'dir'}, e.name + '/') : e.name),
      h('td', {class: 'num', title: e.directory ? '' : fmt.num(e.length) + ' bytes'}, e.directory ? '' : fmt.bytes(e.length)),
      h('td', {class: 'num'}, e.directory ? '' : fmt.num(e.replication)),
      h('td', {class: 'num'}, e.directory ? '' : fmt.num(e.chunks)),
      h('td', {title: fmt.fullTime(e.modified)}, fmt.time(e.modified))))
      : h('tr', null, h('td', {class: 'empty', colspan: 5}, 'Empty directory.')));
  pager(byId('listing-pager'), page, offset => {
    view.offset = offset;
    history.replaceState(null, '', hrefOf(view.path, offset));
    refresh();
  });
}

footer();
const refresh = every(5000, async () => {
  await Promise.all([updateHealth(), updateListing()]);
});
