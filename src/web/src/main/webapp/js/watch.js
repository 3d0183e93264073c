// Watching: one video with its player, live encode progress, downloads per quality, and for its owner
// edit and share. The share page (#/s/{id}?exp=&sig=) plays a signed link with no sign-in.
import { api, currentUser, h, badge, fmtTime, fill } from './api.js';
import { createPlayer } from './player.js';
import { liveProgress } from './progress.js';
import { editForm, shareLink } from './library.js';

export async function watchView(main, id, cleanup) {
  let v;
  try { v = await api(`/videos/${id}`); } catch (e) { fill(main, h('h1', {}, 'Video'), h('p', { class: 'error' }, e.message)); return; }
  const me = await currentUser();
  const heading = h('h1', { id: 'video-title' }, v.title);
  const playerBox = h('div', { id: 'player' });
  const progressBox = h('div', { class: 'card', id: 'progress' });
  const downloads = h('div', { id: 'downloads' });
  const info = h('div', { id: 'info' });
  const tools = h('div', { id: 'tools' });
  fill(main, heading, playerBox, info, downloads, tools, h('h2', {}, 'Processing'), progressBox);

  let player = null;
  const show = async (video) => {
    v = video;
    heading.textContent = v.title;
    fill(info, h('p', { class: 'row' }, badge(v.status), badge(v.visibility), h('span', { class: 'muted' }, fmtTime(v.createdAt))),
      v.description ? h('p', {}, v.description) : null);
    if (!player && v.links?.hls) {
      player = createPlayer(playerBox, { master: v.links.hls, storyboard: v.status === 'COMPLETED' ? v.links.storyboard : null, poster: v.links.poster });
      cleanup.push(() => player.destroy());
    }
    const published = (v.renditions || []).filter((r) => r.status === 'PUBLISHED');
    fill(downloads, ...(published.length ? [h('h2', {}, 'Download'), h('div', { class: 'row' },
      published.map((r) => h('button', { type: 'button', class: 'secondary download', 'data-rendition': r.name,
        onclick: () => download(v, r.name) }, `${r.name} (${r.height}p)`)))] : []));
  };
  await show(v);
  if (me) ownerTools(v, tools, show);
  cleanup.push(liveProgress(v, progressBox, show));
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
  const refresh = async () => {
    const langs = await api(`/videos/${v.id}/captions`).catch(() => []);
    fill(list, ...langs.map((l) => h('li', { 'data-lang': l }, l, ' ', h('button', { type: 'button', class: 'secondary',
      onclick: async () => { await api(`/videos/${v.id}/captions/${l}`, { method: 'DELETE' }); refresh(); } }, 'Remove'))));
  };
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
  return h('section', { 'aria-labelledby': 'captions-h' }, h('h2', { id: 'captions-h' }, 'Subtitles'), list, form, msg);
}

export function sharedView(main, id, params, cleanup) {
  const signed = new URLSearchParams({ exp: params.get('exp') || '', sig: params.get('sig') || '' }).toString();
  const playerBox = h('div', { id: 'player' });
  const exp = Number(params.get('exp'));
  fill(main, h('h1', {}, 'Shared video'), playerBox,
    h('p', { class: 'muted' }, exp ? `This link works until ${new Date(exp * 1000).toLocaleString()}.` : ''));
  const base = `/api/v1/videos/${id}`;
  const player = createPlayer(playerBox, { master: `${base}/hls/master.m3u8`, signed, poster: `${base}/thumbs/poster.jpg`,
    storyboard: `${base}/thumbs/storyboard.vtt` });
  cleanup.push(() => player.destroy());
}
