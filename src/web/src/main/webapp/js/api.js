// The REST API as the pages use it: bearer token in sessionStorage (or localStorage with "remember me"),
// JSON in and out, problem+json errors turned into ApiError, SSE read through fetch so the token can be sent.
const KEY = 'kinora.token';

export const auth = {
  get token() { return sessionStorage.getItem(KEY) || localStorage.getItem(KEY); },
  save(token, remember) { (remember ? localStorage : sessionStorage).setItem(KEY, token); },
  clear() { sessionStorage.removeItem(KEY); localStorage.removeItem(KEY); },
};

export class ApiError extends Error {
  constructor(status, message, problem) { super(message); this.status = status; this.problem = problem; }
}

export const API = '/api/v1';

/** fetch() against /api/v1 with the bearer token; returns parsed JSON (or the Response when raw). */
export async function api(path, { method = 'GET', body, headers = {}, raw = false } = {}) {
  const h = { ...headers };
  if (auth.token) h.Authorization = 'Bearer ' + auth.token;
  // a file goes as it is (its own Content-Type in headers); anything else as JSON
  if (body !== undefined && !(body instanceof Blob)) { h['Content-Type'] = 'application/json'; body = JSON.stringify(body); }
  const r = await fetch(API + path, { method, headers: h, body });
  if (r.status === 401 && auth.token) { auth.clear(); window.dispatchEvent(new Event('kinora:signed-out')); }
  if (!r.ok) {
    let p = {};
    try { p = await r.json(); } catch { /* not problem+json */ }
    throw new ApiError(r.status, p.detail || p.title || `${r.status} ${r.statusText}`, p);
  }
  if (raw) return r;
  return r.status === 204 ? null : r.json();
}

/**
 * A page of a list endpoint: {items, total, capped} from the JSON array, X-Total-Count and X-Total-Count-Capped
 * (total is then a lower bound), and next: whether the Link header names a next page.
 */
export async function page(path) {
  const r = await api(path, { raw: true });
  return { items: await r.json(), total: Number(r.headers.get('X-Total-Count') || 0),
    capped: r.headers.get('X-Total-Count-Capped') === 'true', next: /rel="next"/.test(r.headers.get('Link') || '') };
}

export async function signIn(username, password, remember) {
  const t = await api('/auth/token', { method: 'POST', body: { username, password } });
  auth.save(t.access_token, remember);
  return currentUser(true);
}

/**
 * The end of a sign-in through the company's SSO: the server sent the browser back with a Kinora token in the URL
 * fragment; keep it for this tab and take it out of the address bar and the history. True when there was one.
 */
export function takeSsoToken(then) {
  const m = location.hash.match(/^#sso-token=([^&]+)/);
  if (!m) return false;
  auth.save(decodeURIComponent(m[1]), false);
  history.replaceState(null, '', location.pathname + (then || ''));
  return true;
}

/** A "Sign in with SSO" link when the server has a provider configured (nothing otherwise). */
export async function ssoLink(returnTo) {
  try {
    const s = await api('/auth/sso');
    if (!s.enabled) return null;
    return h('a', { href: s.login + '?return=' + returnTo, class: 'button secondary', id: 'sso-signin' }, 'Sign in with SSO');
  } catch { return null; }
}

let me = null;
/** The signed-in user ({username, roles}) or null; cached until forced. */
export async function currentUser(force = false) {
  if (!auth.token) return (me = null);
  if (me && !force) return me;
  try { me = await api('/users/me'); } catch { me = null; }
  return me;
}
export const isAdmin = (u) => !!u && (u.roles || []).includes('admin');
export function signOut() { auth.clear(); me = null; }

/**
 * Follows a Server-Sent Events stream; onEvent(type, data, id) per event. Reconnects with Last-Event-ID
 * until the returned stop() is called. url is absolute-path (may carry a signed query instead of a token).
 */
export function sse(url, onEvent) {
  const ctrl = new AbortController();
  let lastId = null;
  (async () => {
    while (!ctrl.signal.aborted) {
      try {
        const headers = { Accept: 'text/event-stream' };
        if (auth.token) headers.Authorization = 'Bearer ' + auth.token;
        if (lastId) headers['Last-Event-ID'] = lastId;
        const r = await fetch(url, { headers, signal: ctrl.signal });
        if (!r.ok) throw new Error('SSE ' + r.status);
        const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
        let buf = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += value;
          let i;
          while ((i = buf.search(/\r?\n\r?\n/)) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(buf[i] === '\r' ? i + 4 : i + 2);
            let type = 'message', data = '', id = null;
            for (const line of block.split(/\r?\n/)) {
              const [k, ...rest] = line.split(':');
              const v = rest.join(':').replace(/^ /, '');
              if (k === 'event') type = v; else if (k === 'data') data += (data ? '\n' : '') + v; else if (k === 'id') id = v;
            }
            if (id) lastId = id;
            if (!data) continue;
            let parsed = data;
            try { parsed = JSON.parse(data); } catch { /* plain text */ }
            onEvent(type, parsed, id);
          }
        }
      } catch (e) {
        if (ctrl.signal.aborted) return;
      }
      await new Promise((res) => setTimeout(res, 1500));
    }
  })();
  return () => ctrl.abort();
}

/** Small DOM helper: h('div', {class: 'x', onclick}, child, ...). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c.nodeType ? c : String(c));
  return el;
}

/** replaceChildren that skips null/false (conditional parts of a view). */
export function fill(el, ...kids) { el.replaceChildren(...kids.flat().filter((k) => k !== null && k !== undefined && k !== false)); }

export const fmtBytes = (n) => {
  if (n == null) return '';
  const u = ['B', 'KB', 'MB', 'GB', 'TB']; let i = 0;
  while (n >= 1024 && i < u.length - 1) { n /= 1024; i++; }
  return `${n.toFixed(i ? 1 : 0)} ${u[i]}`;
};
// JSON-B writes java.util.Date with a zone id suffix ("...Z[UTC]") that Date cannot parse
export const fmtTime = (t) => (t ? new Date(String(t).replace(/\[.*\]$/, '')).toLocaleString() : '');
export const badge = (s) => h('span', { class: 'badge ' + s }, s);
