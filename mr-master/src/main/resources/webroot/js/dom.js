// How every page puts data on screen: strings become text nodes or attribute values, never
// markup. Nothing here (or in any page) assigns innerHTML or writes HTML: a job's name, a path, a
// counter name or an exception message is shown exactly as it is, `<script>` included.
// (WebPageSourcesTest scans these files for that.)

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An HTML element: h('td', {class: 'num'}, 'text', childNode, [more, children]). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttributes(el, attrs);
  append(el, children);
  return el;
}

/** An SVG element, built the same way. */
export function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttributes(el, attrs);
  append(el, children);
  return el;
}

/** Replaces the children of `el`. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function byId(id) {
  return document.getElementById(id);
}

/** Only links to this site (relative) or to http(s) pages: never a `javascript:` URL made from data. */
export function safeHref(url) {
  const s = String(url);
  if (/^(https?:)?\/\//i.test(s) || /^[/?#.]/.test(s) || /^[\w.-]+\.html/.test(s)) return s;
  return '#';
}

function setAttributes(el, attrs) {
  if (!attrs) return;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') {
      el.setAttribute('class', Array.isArray(v) ? v.flat(Infinity).filter(Boolean).join(' ') : String(v));
    } else if (k === 'dataset') {
      for (const [dk, dv] of Object.entries(v)) if (dv !== null && dv !== undefined) el.dataset[dk] = String(dv);
    } else if (k === 'style') {
      Object.assign(el.style, v); // the CSSOM, which the page's Content-Security-Policy allows
    } else if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2), v);
    } else if (k === 'href') {
      el.setAttribute('href', safeHref(v));
    } else {
      el.setAttribute(k, v === true ? '' : String(v));
    }
  }
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}
