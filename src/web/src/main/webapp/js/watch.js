// Watching: one video with its player, live encode progress, downloads per quality, and for its owner
// edit and share. The share page (#/s/{id}?exp=&sig=) plays a signed link with no sign-in.
import { api, currentUser, isAdmin, h, badge, fmtTime, fill } from './api.js';
import { createPlayer } from './player.js';
import { liveProgress } from './progress.js';
import { editForm, shareLink } from './library.js';

export async function watchView(main, id, cleanup, params = new URLSearchParams()) {
  let v;
  try { v = await api(`/videos/${id}`); } catch (e) { fill(main, h('h1', {}, 'Video'), h('p', { class: 'error' }, e.message)); return; }
  const heading = h('h1', { id: 'video-title' }, v.title);
  const playerBox = h('div', { id: 'player' });
  const progressBox = h('div', { class: 'card', id: 'progress' });
  const downloads = h('div', { id: 'downloads' });
  const info = h('div', { id: 'info' });
  const tools = h('div', { id: 'tools' });
  const sharing = h('div', { id: 'sharing' });
  fill(main, heading, playerBox, info, sharing, downloads, tools, h('h2', {}, 'Processing'), progressBox);
  cleanup.push(oembedDiscovery(v));

  let player = null;
  const show = async (video) => {
    v = video;
    heading.textContent = v.title;
    fill(info, h('p', { class: 'row' }, badge(v.status), badge(v.visibility), h('span', { class: 'muted' }, fmtTime(v.createdAt))),
      v.description ? h('p', {}, v.description) : null);
    if (!player && v.links?.hls) {
      player = createPlayer(playerBox, { master: v.links.hls, storyboard: v.status === 'COMPLETED' ? v.links.storyboard : null, poster: v.links.poster,
        start: startSeconds(params.get('start') || params.get('t')) });
      cleanup.push(() => player.destroy());
    }
    if (!sharing.hasChildNodes() && (v.visibility !== 'PRIVATE' || (me && v.owner && me.username === v.owner.username) || isAdmin(me))) {
      fill(sharing, shareDialog(v, () => player?.video));
    }
    const published = (v.renditions || []).filter((r) => r.status === 'PUBLISHED');
    fill(downloads, ...(published.length ? [h('h2', {}, 'Download'), h('div', { class: 'row' },
      published.map((r) => h('button', { type: 'button', class: 'secondary download', 'data-rendition': r.name,
        onclick: () => download(v, r.name) }, `${r.name} (${r.height}p)`)))] : []));
  };
  const me = await currentUser();
  await show(v);
  if (me) ownerTools(v, tools, show);
  cleanup.push(liveProgress(v, progressBox, show));
}

/** "90", "1:30", "1m30s" as seconds (0 when absent or unreadable; the embed page checks strictly). */
export function startSeconds(t) {
  if (!t) return 0;
  const s = String(t).trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  if (/^(\d+:)?\d{1,2}:\d{2}$/.test(s)) return s.split(':').reduce((a, x) => a * 60 + Number(x), 0);
  const m = s.match(/^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/);
  return m ? (Number(m[1] || 0) * 3600 + Number(m[2] || 0) * 60 + Number(m[3] || 0)) : 0;
}

const clock = (sec) => { const s = Math.floor(sec); return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`; };
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The app's head gets the oEmbed discovery link while a public or unlisted video is shown; returns its remover. */
function oembedDiscovery(v) {
  if (v.visibility === 'PRIVATE') return () => {};
  const watch = `${location.origin}/watch/${v.id}`;
  const link = h('link', { rel: 'alternate', type: 'application/json+oembed', title: v.title,
    href: `${location.origin}/api/v1/oembed?url=${encodeURIComponent(watch)}&format=json` });
  document.head.append(link);
  return () => link.remove();
}

/**
 * Share and embed: the watch link and the iframe snippet for other sites, optionally starting at a time (the
 * player's current position by default). A private video's link and snippet carry a signed share link (owner).
 */
function shareDialog(v, currentVideo) {
  const panel = h('div', { class: 'card', id: 'share-panel', hidden: true });
  const open = h('button', { type: 'button', class: 'secondary', id: 'share-embed', 'aria-expanded': 'false', 'aria-controls': 'share-panel' }, 'Share / embed');
  const startOn = h('input', { type: 'checkbox', id: 'share-start-on' });
  const start = h('input', { type: 'text', id: 'share-start', size: 7, value: '0:00', 'aria-label': 'Start at (m:ss)', class: 'share-start' });
  const link = h('input', { type: 'text', readonly: true, id: 'share-url', 'aria-label': 'Link to this video' });
  const code = h('textarea', { id: 'embed-code', readonly: true, rows: 3, 'aria-label': 'Embed code' });
  const note = h('p', { class: 'muted', 'aria-live': 'polite', id: 'share-note' });
  let signed = null;
  const update = () => {
    const at = startOn.checked ? startSeconds(start.value) : 0;
    const q = new URLSearchParams(signed ? Object.fromEntries(new URLSearchParams(signed)) : {});
    if (at > 0) q.set('start', String(Math.round(at)));
    const qs = q.toString() ? '?' + q : '';
    link.value = signed ? `${location.origin}/#/s/${v.id}${qs}` : `${location.origin}/watch/${v.id}${qs}`;
    const w = 640;
    const src = v.renditions?.find((r) => r.status === 'PUBLISHED');
    const ar = src ? src.width / src.height : (v.source?.width && v.source?.height ? v.source.width / v.source.height : 16 / 9);
    const [fw, fh] = ar >= 1 ? [w, Math.floor(w / ar)] : [Math.floor(w * ar), w];
    code.value = `<iframe src="${esc(`${location.origin}/embed/${v.id}${qs}`)}" width="${fw}" height="${fh}" title="${esc(v.title)}" `
      + 'frameborder="0" allow="autoplay; fullscreen; picture-in-picture" allowfullscreen></iframe>';
  };
  const copy = (field) => h('button', { type: 'button', class: 'secondary', onclick: () => {
    field.select();
    navigator.clipboard?.writeText(field.value).then(() => { note.textContent = 'Copied to the clipboard.'; }, () => {});
  } }, 'Copy');
  startOn.addEventListener('change', update);
  start.addEventListener('input', () => { startOn.checked = true; update(); });
  open.addEventListener('click', async () => {
    panel.hidden = !panel.hidden;
    open.setAttribute('aria-expanded', String(!panel.hidden));
    if (panel.hidden) return;
    const t = currentVideo()?.currentTime || 0;
    if (t >= 1) start.value = clock(t);
    if (v.visibility === 'PRIVATE' && !signed) {
      try {
        const s = await api(`/videos/${v.id}/share`, { method: 'POST' });
        signed = s.url.split('?')[1];
        note.textContent = `This video is private: the link and the embed code work until ${new Date(s.expiresAt.replace(/\[.*\]$/, '')).toLocaleString()}.`;
      } catch (e) { note.textContent = e.message; }
    }
    update();
  });
  fill(panel, h('div', { class: 'row' }, startOn, h('label', { for: 'share-start-on', class: 'inline-label' }, 'Start at'), start),
    h('label', { for: 'share-url' }, 'Link'), h('div', { class: 'row' }, h('div', { class: 'grow' }, link), copy(link)),
    h('label', { for: 'embed-code' }, 'Embed code (iframe for another site)'), h('div', { class: 'row' }, h('div', { class: 'grow' }, code), copy(code)),
    note);
  update();
  return h('div', {}, h('div', { class: 'row' }, open), panel);
}

/** Progressive MP4 of one quality; a private video's link is signed first since a plain link sends no token. */
async function download(v, rendition) {
  let q = '';
  if (v.visibility !== 'PUBLIC') q = '?' + (await api(`/videos/${v.id}/share?ttlSeconds=300`, { method: 'POST' })).url.split('?')[1];
  location.href = `/api/v1/videos/${v.id}/download/${rendition}${q}`;
}

function ownerTools(v, box, onSaved) {
  const out = h('div', { 'aria-live': 'polite' });
  const edit = h('button', { type: 'button', class: 'secondary', id: 'edit' }, 'Edit');
  const share = h('button', { type: 'button', class: 'secondary', id: 'share' }, 'Copy share link');
  edit.addEventListener('click', () => fill(out, editForm(v, (nv) => { onSaved(nv); fill(out, h('p', {}, 'Saved.')); })));
  share.addEventListener('click', async () => {
    try {
      const link = await shareLink(v.id);
      const field = h('input', { type: 'text', readonly: true, value: link, id: 'share-link', 'aria-label': 'Share link' });
      fill(out, h('label', { for: 'share-link' }, 'Share link (expires)'), field);
      field.select();
      await navigator.clipboard?.writeText(link).then(() => out.append(h('span', { class: 'muted' }, ' Copied to the clipboard.')), () => {});
    } catch (e) { fill(out, h('p', { class: 'error' }, e.message)); }
  });
  fill(box, h('div', { class: 'row' }, edit, share), out, captionsEditor(v));
  // only the owner (or an admin) may edit or share; its encode job is visible to exactly them
  if (v.jobExecutionId != null) api(`/jobs/${v.jobExecutionId}`).catch(() => fill(box));
}

/** The owner's subtitles: one WebVTT file per language, listed with a remove button; players see them after a reload. */
function captionsEditor(v) {
  const list = h('ul', { id: 'captions' });
  const msg = h('p', { class: 'muted', 'aria-live': 'polite' });
  const lang = h('input', { type: 'text', id: 'caption-lang', required: true, placeholder: 'en, de-CH ...', size: 8,
    pattern: '[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*' });
  const file = h('input', { type: 'file', id: 'caption-file', accept: '.vtt,text/vtt', required: true });
  const auto = h('p', { class: 'muted', id: 'auto-captions' });
  const refresh = async () => {
    const video = await api(`/videos/${v.id}`).catch(() => ({}));
    const tracks = video.captions || [];
    fill(list, ...tracks.map(({ lang: l, automatic }) => h('li', { 'data-lang': l, 'data-automatic': String(automatic) },
      automatic ? `${l} (automatic)` : l, ' ', h('button', { type: 'button', class: 'secondary',
        onclick: async () => { await api(`/videos/${v.id}/captions/${l}`, { method: 'DELETE' }); refresh(); } }, 'Remove'))));
    const a = video.autoCaptions;
    auto.textContent = a ? `Automatic captions: ${a.state.toLowerCase()}${a.note ? ' — ' + a.note : ''}` : '';
    if (a && (a.state === 'QUEUED' || a.state === 'RUNNING' || a.state === 'REQUESTED') && video.status === 'COMPLETED') setTimeout(refresh, 3000);
  };
  const makeAuto = h('button', { type: 'button', class: 'secondary', id: 'caption-auto', onclick: async () => {
    try {
      await api(`/videos/${v.id}/captions/auto`, { method: 'POST' });
      refresh();
    } catch (x) { msg.textContent = x.message; }
  } }, 'Make automatic captions');
  const form = h('form', { class: 'row', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await api(`/videos/${v.id}/captions/${encodeURIComponent(lang.value.trim())}`,
        { method: 'PUT', body: file.files[0], headers: { 'Content-Type': 'text/vtt' } });
      msg.textContent = `Subtitles ${lang.value.trim()} added.`;
      form.reset();
      refresh();
    } catch (x) { msg.textContent = x.message; }
  } }, h('label', { for: 'caption-lang' }, 'Language'), lang, h('label', { for: 'caption-file' }, 'WebVTT file'), file,
  h('button', { type: 'submit', id: 'caption-add' }, 'Add subtitles'));
  refresh();
  return h('section', { 'aria-labelledby': 'captions-h' }, h('h2', { id: 'captions-h' }, 'Subtitles'), list, form,
    h('div', { class: 'row' }, makeAuto, auto), msg);
}

export function sharedView(main, id, params, cleanup) {
  const signed = new URLSearchParams({ exp: params.get('exp') || '', sig: params.get('sig') || '' }).toString();
  const playerBox = h('div', { id: 'player' });
  const exp = Number(params.get('exp'));
  fill(main, h('h1', {}, 'Shared video'), playerBox,
    h('p', { class: 'muted' }, exp ? `This link works until ${new Date(exp * 1000).toLocaleString()}.` : ''));
  const base = `/api/v1/videos/${id}`;
  const player = createPlayer(playerBox, { master: `${base}/hls/master.m3u8`, signed, poster: `${base}/thumbs/poster.jpg`,
    storyboard: `${base}/thumbs/storyboard.vtt`, start: startSeconds(params.get('start')) });
  cleanup.push(() => player.destroy());
}
