// Public browse and "my library": search, paging, and for one's own videos edit, share and delete.
import { api, page, h, badge, fmtBytes, fill } from './api.js';
import { authorizedUrl } from './player.js';

const LIMIT = 12;

/** Signed link for a page anyone can open: /#/s/{id}?exp=..&sig=.. (shareable even when private). */
export async function shareLink(id) {
  const s = await api(`/videos/${id}/share`, { method: 'POST' });
  return `${location.origin}/#/s/${id}?${s.url.split('?')[1]}`;
}

export function browseView(main, params) { listView(main, params, false); }
export function libraryView(main, params) { listView(main, params, true); }

function listView(main, params, mine) {
  const q = params.get('q') || '';
  const owner = mine ? '' : params.get('owner') || '';
  const offset = Math.max(0, Number(params.get('offset') || 0));
  const search = h('input', { type: 'search', id: 'q', value: q, placeholder: 'Title or description' });
  const form = h('form', { role: 'search', class: 'row', onsubmit: (e) => {
    e.preventDefault();
    location.hash = `#/${mine ? 'library' : ''}?${new URLSearchParams({ q: search.value.trim(), ...(owner && { owner }) })}`;
  } }, h('label', { for: 'q', class: 'visually-hidden' }, 'Search'), h('div', { class: 'grow' }, search),
  h('button', { type: 'submit' }, 'Search'));
  // data-q: which query these results answer (a view replaced by the next search may still be on screen)
  const results = h('div', { id: 'results', 'data-q': q, 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Loading…'));
  const title = h('h1', {}, mine ? 'My library' : owner ? 'Videos of one person' : 'Browse');
  fill(main, title, form, h('p'), results);

  const query = new URLSearchParams({ offset, limit: LIMIT });
  if (q) query.set('q', q);
  if (mine) query.set('mine', 'true'); else query.set('visibility', 'PUBLIC');
  if (owner) query.set('owner', owner);
  page(`/videos?${query}`).then(({ items, total, capped, next }) => {
    if (owner && items.length) title.textContent = `Videos by ${items[0].owner?.username ?? 'one person'}`;
    if (!items.length) { fill(results, h('p', {}, q ? `Nothing matches “${q}”.` : 'No videos yet.')); return; }
    const go = (o) => `#/${mine ? 'library' : ''}?${new URLSearchParams({ q, offset: o, ...(owner && { owner }) })}`;
    fill(results, 
      h('p', { class: 'muted' }, `${offset + 1}–${offset + items.length} of ${capped ? `${Math.max(total, offset + items.length)}+` : total}`),
      h('div', { class: 'grid' }, items.map((v) => tile(v, mine))),
      h('nav', { class: 'row', 'aria-label': 'Pages' },
        offset > 0 ? h('a', { class: 'button secondary', href: go(Math.max(0, offset - LIMIT)) }, '← Previous') : null,
        next ? h('a', { class: 'button secondary', href: go(offset + LIMIT), rel: 'next' }, 'Next →') : null));
  }).catch((e) => fill(results, h('p', { class: 'error' }, e.message)));
}

function tile(v, mine) {
  const thumb = h('a', { class: 'thumb', href: `#/watch/${v.id}`, 'aria-label': `Watch ${v.title}` });
  if (v.links?.poster) {
    whenNearView(thumb, () => {
      const load = v.visibility === 'PUBLIC' ? Promise.resolve(v.links.poster) : authorizedUrl(v.links.poster);
      load.then((u) => { thumb.style.backgroundImage = `url("${u}")`; }).catch(() => {});
    });
  }
  const body = h('div', { class: 'body' },
    h('div', {}, h('a', { href: `#/watch/${v.id}`, class: 'title' }, v.title)),
    mine || !v.owner?.username ? null
      : h('div', { class: 'muted' }, 'by ', h('a', { href: `#/?owner=${v.owner.id}`, class: 'by' }, v.owner.username)),
    h('div', { class: 'row muted' }, badge(v.status), badge(v.visibility), fmtBytes(v.source?.size)));
  if (mine) body.append(manage(v, body));
  return h('article', { class: 'tile', 'data-video-id': v.id }, thumb, body);
}

/** Runs `load` once `el` comes within a screen of the viewport: posters of a long page load as you scroll. */
function whenNearView(el, load) {
  if (!('IntersectionObserver' in window)) return load();
  const io = new IntersectionObserver((seen) => {
    if (seen.some((s) => s.isIntersecting)) { io.disconnect(); load(); }
  }, { rootMargin: '100% 0px' });
  io.observe(el);
}

function manage(v, body) {
  const msg = h('p', { class: 'muted', 'aria-live': 'polite' });
  const edit = h('button', { type: 'button', class: 'secondary', onclick: () => body.append(editForm(v, () => window.dispatchEvent(new Event('hashchange')))) }, 'Edit');
  const share = h('button', { type: 'button', class: 'secondary', onclick: async () => {
    try {
      const link = await shareLink(v.id);
      const field = h('input', { type: 'text', readonly: true, value: link, class: 'share-link', 'aria-label': 'Share link' });
      fill(msg, field);
      field.select();
      await navigator.clipboard?.writeText(link).then(() => msg.append(' Copied.'), () => {});
    } catch (e) { msg.textContent = e.message; }
  } }, 'Share link');
  const del = h('button', { type: 'button', class: 'danger', onclick: async () => {
    if (!confirm(`Delete “${v.title}”? This cannot be undone.`)) return;
    try { await api(`/videos/${v.id}`, { method: 'DELETE' }); body.closest('article').remove(); } catch (e) { msg.textContent = e.message; }
  } }, 'Delete');
  return h('div', {}, h('div', { class: 'row' }, edit, share, del), msg);
}

/** Title, description and visibility of one video; onSaved(video) after the PATCH. */
export function editForm(v, onSaved) {
  const id = 'e-' + v.id;
  const title = h('input', { type: 'text', id: id + '-t', value: v.title, required: true, maxlength: 300 });
  const desc = h('textarea', { id: id + '-d', rows: 3, maxlength: 5000 }, v.description || '');
  const vis = h('select', { id: id + '-v' }, ['PRIVATE', 'UNLISTED', 'PUBLIC'].map((x) => h('option', { value: x, selected: x === v.visibility }, x)));
  const err = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'edit', onsubmit: async (e) => {
    e.preventDefault();
    try {
      onSaved(await api(`/videos/${v.id}`, { method: 'PATCH', body: { title: title.value, description: desc.value, visibility: vis.value } }));
      form.remove();
    } catch (x) { err.textContent = x.message; }
  } },
  h('label', { for: id + '-t' }, 'Title'), title, h('label', { for: id + '-d' }, 'Description'), desc,
  h('label', { for: id + '-v' }, 'Visibility'), vis, err,
  h('div', { class: 'row' }, h('button', { type: 'submit' }, 'Save'),
    h('button', { type: 'button', class: 'secondary', onclick: () => form.remove() }, 'Cancel')));
  setTimeout(() => title.focus());
  return form;
}
