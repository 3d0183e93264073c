// The viewer/uploader app: hash routes, the header, sign-in and registration.
import { api, auth, currentUser, isAdmin, signIn, signOut, ssoLink, ssoStatus, takeSsoToken, h, fill } from './api.js';
import { browseView, libraryView } from './library.js';
import { uploadView } from './upload.js';
import { watchView, sharedView } from './watch.js';

const main = document.getElementById('view');
let cleanup = [];

const routes = [
  [/^\/?$/, (m, p) => browseView(main, p)],
  [/^\/library$/, (m, p) => libraryView(main, p), true],
  [/^\/upload$/, () => uploadView(main), true],
  [/^\/watch\/([\w-]+)$/, (m, p) => watchView(main, m[1], cleanup, p)],
  [/^\/s\/([\w-]+)$/, (m, p) => sharedView(main, m[1], p, cleanup)],
  [/^\/signin$/, (m, p) => signInView(p.get('next'))],
];

async function render() {
  cleanup.forEach((f) => f()); cleanup = [];
  // /watch/{id} (the address link previews and oEmbed know) shows the same view as #/watch/{id}
  const page = location.pathname.match(/^\/watch\/([\w-]+)\/?$/);
  const route = location.hash.replace(/^#/, '') || (page ? `/watch/${page[1]}${location.search}` : '');
  const [path, query = ''] = route.split('?');
  const params = new URLSearchParams(query);
  await header();
  for (const [re, view, needsUser] of routes) {
    const m = path.match(re);
    if (!m) continue;
    if (needsUser && !auth.token) return signInView('#' + path + (query ? '?' + query : ''));
    await view(m, params);
    for (const a of document.querySelectorAll('header nav a')) {
      a.toggleAttribute('aria-current', a.getAttribute('href') === '#' + (path || '/'));
      if (a.hasAttribute('aria-current')) a.setAttribute('aria-current', 'page');
    }
    main.focus({ preventScroll: true });
    return;
  }
  fill(main, h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '#/' }, 'Back to browsing')));
}

async function header() {
  const me = await currentUser();
  document.querySelectorAll('[data-auth]').forEach((a) => { a.hidden = !me; });
  document.querySelectorAll('[data-admin]').forEach((a) => { a.hidden = !isAdmin(me); });
  const who = document.getElementById('who');
  fill(who, ...(me
    ? [h('span', { id: 'signed-in-as' }, me.username), h('button', { type: 'button', class: 'secondary', id: 'sign-out', onclick: async () => {
      if (!await signOut()) return; // on its way to the provider's logout
      if (location.hash && location.hash !== '#/') location.hash = '#/'; else render();
    } }, 'Sign out')]
    // with SSO on, the company sign-in is offered on every page, the first one too
    : [await ssoLink('app', 'sso-header-signin', 'button'), h('a', { href: '#/signin' }, 'Sign in')]));
}

/** Sign in (or register, then sign in); goes on to `next`. */
function signInView(next) {
  const user = h('input', { type: 'text', id: 'username', autocomplete: 'username', required: true });
  const pass = h('input', { type: 'password', id: 'password', autocomplete: 'current-password', required: true });
  const remember = h('input', { type: 'checkbox', id: 'remember' });
  const err = h('p', { class: 'error', role: 'alert', id: 'signin-error' });
  const done = () => { const to = next || '#/library'; if (location.hash === to) render(); else location.hash = to; };
  const register = h('button', { type: 'button', class: 'secondary', id: 'register', hidden: true, onclick: async () => {
      err.textContent = '';
      try {
        await api('/users', { method: 'POST', body: { username: user.value.trim(), password: pass.value } });
        await signIn(user.value.trim(), pass.value, remember.checked); done();
      } catch (x) { err.textContent = x.message; }
    } }, 'Create account');
  const form = h('form', { class: 'card', onsubmit: async (e) => {
    e.preventDefault();
    err.textContent = '';
    try { await signIn(user.value.trim(), pass.value, remember.checked); done(); } catch (x) { err.textContent = x.status === 401 ? 'Wrong username or password.' : x.message; }
  } },
  h('label', { for: 'username' }, 'Username'), user, h('label', { for: 'password' }, 'Password'), pass,
  h('div', { class: 'row' }, remember, h('label', { for: 'remember', class: 'inline-label' }, 'Keep me signed in on this device')),
  err);
  form.append(h('div', { class: 'row' }, h('button', { type: 'submit', id: 'signin' }, 'Sign in'), register));
  fill(main, h('h1', {}, 'Sign in'), form);
  user.focus();
  // self-registration is off by default when the company's SSO is on (see the README's linking policy)
  ssoStatus().then((s) => { register.hidden = !s.registration; });
  ssoLink('app').then((a) => { if (a) form.append(h('p', {}, 'Or with your company account: ', a)); });
}

takeSsoToken('#/library');
window.addEventListener('hashchange', render);
window.addEventListener('kinora:signed-out', () => header());
render();
