// The REST API as the pages use it: bearer token in sessionStorage (or localStorage with "remember me"),
// JSON in and out, problem+json errors turned into ApiError, SSE read through fetch so the token can be sent.
const KEY = 'kinora.token';

export const auth = {
  get token() { return sessionStorage.getItem(KEY) || localStorage.getItem(KEY); },
  save(token, remember) { (remember ? localStorage : sessionStorage).setItem(KEY, token); scheduleRenewal(); },
  clear() { sessionStorage.removeItem(KEY); localStorage.removeItem(KEY); },
};

/** The claims of a token (not verified: the server does that), or {} for anything unreadable. */
function claims(token) {
  try { return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))); } catch { return {}; }
}

/** A token of a sign-in through SSO names its session (sid): it is short-lived and renewed through the provider. */
const ssoToken = (token) => !!token && !!claims(token).sid;

let renewing = null;
/**
 * Trades the SSO token (expired or not) for a new one; the server asks the provider first, so a person disabled or
 * signed out there is signed out here. True when renewed; false signs the page out.
 */
export function renewSso() {
  const token = auth.token;
  if (!ssoToken(token)) return Promise.resolve(false);
  if (!renewing) {
    renewing = (async () => {
      try {
        const r = await fetch(API + '/auth/sso/refresh', { method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ token }) });
        if (!r.ok) throw new Error('refresh ' + r.status);
        const t = await r.json();
        auth.save(t.access_token, !!localStorage.getItem(KEY));
        return true;
      } catch {
        if (auth.token === token) { auth.clear(); window.dispatchEvent(new Event('kinora:signed-out')); }
        return false;
      } finally { renewing = null; }
    })();
  }
  return renewing;
}

let renewal = null;
/** Renews an SSO token a little before it expires, so that SSE streams and players never see it lapse. */
function scheduleRenewal() {
  clearTimeout(renewal);
  const token = auth.token;
  if (!ssoToken(token)) return;
  const left = claims(token).exp * 1000 - Date.now();
  renewal = setTimeout(renewSso, Math.max(1000, left - Math.min(30_000, left / 5)));
}
scheduleRenewal();

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
  let r = await fetch(API + path, { method, headers: h, body });
  // an SSO token that lapsed: renew it once through the provider and try again
  if (r.status === 401 && ssoToken(h.Authorization?.slice(7)) && await renewSso()) {
    h.Authorization = 'Bearer ' + auth.token;
    r = await fetch(API + path, { method, headers: h, body });
  }
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

let status = null;
/** What the server offers: {enabled, login, registration} (SSO on or off, self-registration open or not). */
export async function ssoStatus() {
  if (!status) status = api('/auth/sso').catch(() => ({ enabled: false, registration: true }));
  return status;
}

/** A "Sign in with SSO" link when the server has a provider configured (nothing otherwise). */
export async function ssoLink(returnTo, id = 'sso-signin', cls = 'button secondary') {
  const s = await ssoStatus();
  if (!s.enabled) return null;
  return h('a', { href: s.login + '?return=' + returnTo, class: cls, id }, 'Sign in with SSO');
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
/**
 * Signs out. A sign-in through SSO also ends at the provider (RP-initiated logout): the browser goes to the provider's
 * logout page, which sends it back to Kinora; resolves to false then (the page is leaving), true otherwise.
 */
export async function signOut() {
  const token = auth.token;
  auth.clear(); me = null; clearTimeout(renewal);
  if (!ssoToken(token)) return true;
  try {
    const r = await fetch(API + '/auth/sso/logout', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token }) });
    const out = await r.json();
    if (out.redirect) { location.assign(out.redirect); return false; }
  } catch { /* the provider's session stays: nothing more to do here */ }
  return true;
}

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
