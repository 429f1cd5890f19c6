// Paging controls for lists the API pages (offset/limit): the range shown, previous/next and a
// window of page numbers. The page never holds more than one page of rows.

import {fill, h} from './dom.js';
import * as fmt from './format.js';

/** Draws the pager for `page` ({offset, limit, total}) into `el`; `go(offset)` moves. */
export function pager(el, page, go) {
  const {offset, limit, total} = page;
  const pages = Math.max(1, Math.ceil(total / limit));
  const current = Math.floor(offset / limit);
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(total, offset + limit);
  const buttons = [];
  buttons.push(h('button', {disabled: current === 0, onclick: () => go(Math.max(0, offset - limit)), title: 'previous page'}, '\u2039'));
  const from = Math.max(0, Math.min(current - 3, pages - 7));
  const to = Math.min(pages, from + 7);
  if (from > 0) buttons.push(h('button', {onclick: () => go(0)}, '1'), from > 1 ? h('span', {class: 'muted'}, '\u2026') : null);
  for (let p = from; p < to; p++) {
    buttons.push(h('button', {class: p === current ? 'on' : null, onclick: () => go(p * limit)}, String(p + 1)));
  }
  if (to < pages) buttons.push(to < pages - 1 ? h('span', {class: 'muted'}, '\u2026') : null, h('button', {onclick: () => go((pages - 1) * limit)}, String(pages)));
  buttons.push(h('button', {disabled: current >= pages - 1, onclick: () => go(offset + limit), title: 'next page'}, '\u203a'));
  fill(el, h('span', {class: 'range'}, fmt.num(first) + '\u2013' + fmt.num(last) + ' of ' + fmt.num(total)), pages > 1 ? buttons : null);
}
