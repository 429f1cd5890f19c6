// The master's REST API (/api/v1, see mr-master/API.md), with the master's clock: every answer
// carries X-MR-Now, so ages and running durations are measured on the master's clock, not on a
// browser's that may be off.

let clockOffset = 0;

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function send(path, init) {
  let response;
  try {
    response = await fetch(path, Object.assign({headers: {Accept: 'application/json'}, cache: 'no-store'}, init));
  } catch (e) {
    throw new ApiError(0, 'the master does not answer (' + e.message + ')');
  }
  const now = Number(response.headers.get('X-MR-Now'));
  if (now > 0) clockOffset = now - Date.now();
  if (response.headers.get('X-MR-Insecure') === 'true') warn('insecure', 'This cluster runs with --insecure: anybody who can reach it '
      + 'can run code on its workers and read or delete its data.');
  if (response.status === 401) warn('login', 'Not logged in: open the link that scripts/mr-token --url prints '
      + '(or that mr-cluster start and mr-demo print).');
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch (e) {
    if (response.ok) throw new ApiError(response.status, 'the master answered something that is not JSON');
  }
  if (!response.ok) {
    throw new ApiError(response.status, (body && body.error) || ('HTTP ' + response.status));
  }
  return body;
}

export function get(path) {
  return send(path, {method: 'GET'});
}

// A state-changing call carries X-XSRF-HEADER besides the session cookie: a form posted from
// another origin cannot send it, so the master refuses such a post (see the README's security section).
export function post(path) {
  return send(path, {method: 'POST', headers: {Accept: 'application/json', 'X-XSRF-HEADER': 'mr'}});
}

/** A banner at the top of the page, once per kind. */
function warn(kind, text) {
  if (document.getElementById('banner-' + kind)) return;
  const div = document.createElement('div');
  div.id = 'banner-' + kind;
  div.className = 'notice banner';
  div.textContent = text;
  document.body.insertBefore(div, document.body.firstChild);
}

/** The master's clock now (epoch ms), as far as the last answer told. */
export function now() {
  return Date.now() + clockOffset;
}

/** "/api/v1/jobs?state=running&offset=0": parameters that are null or empty are left out. */
export function url(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? path + '?' + s : path;
}

export function enc(s) {
  return encodeURIComponent(s);
}
