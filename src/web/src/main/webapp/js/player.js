// HLS player: hls.js with the bearer token on every request (or a signed query for share links),
// automatic quality with a manual selector, and storyboard thumbnails over a seek bar.
import { auth, h, fill } from './api.js';

const renditionOf = (url) => (url.match(/\/hls\/([^/]+)\/[^/]+\.m3u8/) || [])[1];
const path = (u) => { const x = new URL(u, location.href); return x.pathname + x.search; };
const withQuery = (u, q) => (q ? u + (u.includes('?') ? '&' : '?') + q : u);

/** Fetches with the token (if any) and returns an object URL, for images a plain <img> could not authorize. */
export async function authorizedUrl(url, signed, token = auth.token) {
  if (signed) return withQuery(path(url), signed);
  if (!token) return path(url);
  const r = await fetch(path(url), { headers: { Authorization: 'Bearer ' + token } });
  if (!r.ok) throw new Error(`${r.status} for ${url}`);
  return URL.createObjectURL(await r.blob());
}

/**
 * Builds the player into `box`. opts: master (playlist URL), signed ("exp=..&sig=.." instead of the token),
 * storyboard (VTT URL), poster (URL); anonymous (never send the signed-in user's token: embeds); start (seconds),
 * autoplay, muted, loop, captions (language to show); compact (no keys help line). Returns {video, hls, destroy()}.
 */
export function createPlayer(box, { master, signed = null, storyboard = null, poster = null, anonymous = false,
  start = 0, autoplay = false, muted = false, loop = false, captions = null, compact = false }) {
  const video = h('video', { controls: true, playsinline: true, preload: autoplay ? 'auto' : 'metadata', 'aria-label': 'Video player' });
  video.muted = !!muted;
  if (muted) video.setAttribute('muted', '');
  video.loop = !!loop;
  const quality = h('select', { id: 'quality', 'aria-describedby': 'quality-now' }, h('option', { value: '-1' }, 'Auto'));
  const now = h('span', { id: 'quality-now', class: 'muted', 'aria-live': 'polite' });
  const scrub = h('div', { class: 'scrub' });
  // the subtitle tracks of the master playlist by their NAME: "en", or "en (automatic)" for speech-recognized ones
  const subtitles = h('select', { id: 'subtitles' }, h('option', { value: '-1' }, 'Off'));
  const subtitlesLabel = h('label', { for: 'subtitles' }, 'Subtitles');
  subtitles.hidden = subtitlesLabel.hidden = true;
  fill(box, h('div', { class: 'player' }, video, scrub,
    h('div', { class: 'row' }, h('label', { for: 'quality' }, 'Quality'), quality, now, subtitlesLabel, subtitles),
    compact ? null : h('p', { class: 'muted', id: 'keys' }, 'Keys: k or space play/pause · j / l back / ahead 10 s · ← / → 5 s · m mute · f full screen · 0–9 jump to 0–90 %')));
  const unbindKeys = keyboardShortcuts(video);

  const token = signed || anonymous ? null : auth.token;
  const play = () => { if (autoplay) video.play().catch(() => { /* the browser wants a click (unmuted autoplay) */ }); };
  const showCaptions = () => {
    if (!captions || !hls) return;
    const i = hls.subtitleTracks.findIndex((t) => (t.lang || '').toLowerCase() === captions);
    const j = i >= 0 ? i : hls.subtitleTracks.findIndex((t) => (t.lang || '').toLowerCase().split('-')[0] === captions.split('-')[0]);
    if (j >= 0) { hls.subtitleDisplay = true; hls.subtitleTrack = j; video.dataset.captions = hls.subtitleTracks[j].lang; subtitles.value = String(j); }
  };
  const listSubtitles = () => {
    const tracks = hls.subtitleTracks || [];
    fill(subtitles, h('option', { value: '-1' }, 'Off'),
      ...tracks.map((t, i) => h('option', { value: String(i), 'data-lang': t.lang || '' }, t.name || t.lang || `Track ${i + 1}`)));
    subtitles.value = String(hls.subtitleDisplay ? hls.subtitleTrack : -1);
    subtitles.hidden = subtitlesLabel.hidden = tracks.length === 0;
  };
  let hls = null;
  const src = withQuery(path(master), signed);
  if (window.Hls && Hls.isSupported()) {
    hls = new Hls({ startPosition: start > 0 ? start : -1,
      xhrSetup: (xhr) => { if (token) xhr.setRequestHeader('Authorization', 'Bearer ' + token); } });
    hls.on(Hls.Events.SUBTITLE_TRACKS_UPDATED, () => { listSubtitles(); showCaptions(); });
    subtitles.addEventListener('change', () => {
      const i = Number(subtitles.value);
      hls.subtitleDisplay = i >= 0;
      hls.subtitleTrack = i;
      if (i >= 0) video.dataset.captions = hls.subtitleTracks[i].lang; else delete video.dataset.captions;
    });
    hls.on(Hls.Events.MANIFEST_PARSED, () => {
      play();
      const levels = hls.levels.map((l, i) => ({ l, i })).sort((a, b) => b.l.height - a.l.height);
      fill(quality, h('option', { value: '-1' }, 'Auto'),
        ...levels.map(({ l, i }) => h('option', { value: String(i) },
          `${renditionOf(l.uri || [].concat(l.url || '')[0]) || l.height + 'p'} (${l.height}p, ${Math.round(l.bitrate / 1000)} kbps)`)));
    });
    hls.on(Hls.Events.LEVEL_SWITCHED, (_, d) => {
      const l = hls.levels[d.level];
      now.textContent = `${hls.autoLevelEnabled ? 'auto: ' : ''}playing ${l.height}p`;
      video.dataset.level = String(d.level);
      video.dataset.height = String(l.height);
    });
    hls.on(Hls.Events.ERROR, (_, d) => {
      if (!d.fatal) return;
      if (d.type === Hls.ErrorTypes.NETWORK_ERROR) hls.startLoad();
      else if (d.type === Hls.ErrorTypes.MEDIA_ERROR) hls.recoverMediaError();
      else now.textContent = 'Playback error: ' + d.details;
    });
    hls.loadSource(src);
    hls.attachMedia(video);
    quality.addEventListener('change', () => { hls.currentLevel = Number(quality.value); });
  } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
    video.src = src; // native HLS (Safari) cannot send the token: only public or signed links play there
    quality.disabled = true;
    video.addEventListener('loadedmetadata', () => {
      if (start > 0) video.currentTime = start;
      for (const t of video.textTracks) if (captions && (t.language || '').toLowerCase() === captions) t.mode = 'showing';
      play();
    }, { once: true });
  }
  if (poster) authorizedUrl(poster, signed, token).then((u) => { video.poster = u; }).catch(() => {});
  if (storyboard) storyboardScrub(scrub, video, storyboard, signed, token).catch(() => scrub.remove());
  return { video, hls, destroy() { unbindKeys(); hls?.destroy(); } };
}

/** Player keys for power users, while the page shows a player; typing in a field is left alone. Returns the unbinder. */
function keyboardShortcuts(video) {
  const seek = (s) => { video.currentTime = Math.min(Math.max(0, video.currentTime + s), video.duration || Infinity); };
  const actions = {
    k: () => (video.paused ? video.play() : video.pause()), ' ': () => actions.k(),
    j: () => seek(-10), l: () => seek(10), ArrowLeft: () => seek(-5), ArrowRight: () => seek(5),
    m: () => { video.muted = !video.muted; },
    f: () => (document.fullscreenElement ? document.exitFullscreen() : video.requestFullscreen?.())?.catch?.(() => {}),
  };
  const onKey = (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.target.closest?.('input, select, textarea, button, [contenteditable]')) return;
    let act = actions[e.key];
    if (!act && /^[0-9]$/.test(e.key) && video.duration) act = () => { video.currentTime = video.duration * Number(e.key) / 10; };
    if (!act) return;
    e.preventDefault(); // also keeps the native controls from acting on the same key
    act();
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}

/** A seek bar under the video that previews the storyboard tile under the pointer. */
async function storyboardScrub(box, video, vttUrl, signed, token) {
  const headers = !signed && token ? { Authorization: 'Bearer ' + token } : {};
  const r = await fetch(withQuery(path(vttUrl), signed), { headers });
  if (!r.ok) throw new Error('no storyboard');
  const cues = parseStoryboard(await r.text());
  if (!cues.length) throw new Error('empty storyboard');
  const sprites = {};
  for (const c of cues) {
    const abs = new URL(c.image, new URL(vttUrl, location.href)).href;
    sprites[abs] ||= authorizedUrl(abs, signed, token);
    c.sprite = sprites[abs];
  }
  const range = h('input', { type: 'range', min: 0, max: 1000, value: 0, step: 1, 'aria-label': 'Seek' });
  const preview = h('div', { class: 'preview', hidden: true });
  fill(box, range, preview);
  const dur = () => video.duration || cues[cues.length - 1].end;
  video.addEventListener('timeupdate', () => { if (document.activeElement !== range) range.value = String(Math.round(1000 * video.currentTime / dur())); });
  range.addEventListener('input', () => { video.currentTime = dur() * range.value / 1000; });
  range.addEventListener('pointermove', async (e) => {
    const rect = range.getBoundingClientRect();
    const f = Math.min(1, Math.max(0, (e.clientX - rect.left) / rect.width));
    const t = f * dur();
    const c = cues.find((q) => t >= q.start && t < q.end) || cues[cues.length - 1];
    const url = await c.sprite;
    Object.assign(preview.style, { left: `${f * 100}%`, width: `${c.w}px`, height: `${c.h}px`,
      backgroundImage: `url("${url}")`, backgroundPosition: `-${c.x}px -${c.y}px` });
    preview.hidden = false;
  });
  range.addEventListener('pointerleave', () => { preview.hidden = true; });
}

/** WebVTT cues "start --> end" + "image.jpg#xywh=x,y,w,h". */
export function parseStoryboard(text) {
  const secs = (s) => s.split(':').reduce((a, p) => a * 60 + parseFloat(p), 0);
  const out = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = lines[i].match(/([\d:.]+)\s*-->\s*([\d:.]+)/);
    if (!m) continue;
    const ref = (lines[i + 1] || '').trim().match(/^(.*)#xywh=(\d+),(\d+),(\d+),(\d+)$/);
    if (ref) out.push({ start: secs(m[1]), end: secs(m[2]), image: ref[1], x: +ref[2], y: +ref[3], w: +ref[4], h: +ref[5] });
  }
  return out;
}
