// Upload page: drag and drop (or choose) files, sent with tus-js-client; an interrupted upload resumes
// from where it stopped when the same file is chosen again, even after a page reload (tus fingerprints
// in localStorage). Each finished upload shows its encode progress live.
import { api, auth, h, fill } from './api.js';
import { liveProgress } from './progress.js';

const endpoint = () => location.origin + '/api/v1/uploads';

export async function uploadView(main) {
  const input = h('input', { type: 'file', id: 'file', accept: 'video/*', multiple: true, class: 'visually-hidden' });
  const title = h('input', { type: 'text', id: 'up-title', maxlength: 300, placeholder: 'defaults to the file name' });
  const visibility = h('select', { id: 'up-visibility' },
    ['PRIVATE', 'UNLISTED', 'PUBLIC'].map((v) => h('option', { value: v }, v[0] + v.slice(1).toLowerCase())));
  // checked: automatic captions by speech recognition (tus metadata autoCaptions); unchecked: the server's default
  const autoCaptions = h('input', { type: 'checkbox', id: 'up-auto-captions' });
  const drop = h('div', { class: 'drop', id: 'drop' },
    h('p', {}, 'Drop video files here, or'),
    h('label', { for: 'file', class: 'button', tabindex: 0, role: 'button',
      onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.click(); } } }, 'Choose files'),
    input);
  const list = h('div', { id: 'uploads', 'aria-live': 'polite' });
  const pending = h('div', { id: 'unfinished' });
  fill(main, h('h1', {}, 'Upload'),
    h('div', { class: 'card' },
      h('div', { class: 'row' },
        h('div', { class: 'grow' }, h('label', { for: 'up-title' }, 'Title'), title),
        h('div', {}, h('label', { for: 'up-visibility' }, 'Visibility'), visibility),
        h('div', {}, h('label', { for: 'up-auto-captions' }, autoCaptions, ' Automatic captions'))),
      h('p', {}), drop),
    pending, list);

  const start = (files) => {
    for (const f of files) uploadOne(f, title.value.trim() || f.name.replace(/\.[^.]+$/, ''), visibility.value, list, autoCaptions.checked);
    title.value = '';
  };
  input.addEventListener('change', () => { start([...input.files]); input.value = ''; });
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); start([...e.dataTransfer.files]); });

  // uploads a reload interrupted: tus-js-client remembers them until they finish
  const unfinished = await tus.defaultOptions.urlStorage.findAllUploads().catch(() => []);
  if (unfinished.length) {
    fill(pending, h('div', { class: 'card' }, h('h2', {}, 'Unfinished uploads'),
      h('p', { class: 'muted' }, 'Choose the same file again to continue where it stopped.'),
      h('ul', {}, unfinished.map((u) => h('li', {}, `${u.metadata?.filename || 'file'} (${u.metadata?.title || ''}), started ${new Date(u.creationTime).toLocaleString()}`)))));
  }
}

function uploadOne(file, title, visibility, list, autoCaptions = false) {
  const bar = h('progress', { max: 100, value: 0, 'aria-label': `Upload of ${file.name}` });
  const note = h('span', { class: 'muted upload-note' }, 'starting…');
  const encode = h('div', { class: 'encode' });
  const abort = h('button', { class: 'secondary', type: 'button' }, 'Pause');
  const card = h('div', { class: 'card upload', 'data-file': file.name },
    h('div', { class: 'row' }, h('strong', { class: 'grow' }, title), abort), bar, note, encode);
  list.prepend(card);

  let videoId = null, paused = false;
  const upload = new tus.Upload(file, {
    endpoint: endpoint(),
    headers: { Authorization: 'Bearer ' + auth.token },
    metadata: { filename: file.name, filetype: file.type || 'application/octet-stream', title, visibility,
      ...(autoCaptions ? { autoCaptions: 'true' } : {}) },
    chunkSize: 8 * 1024 * 1024,
    retryDelays: [0, 1000, 3000, 5000, 10000],
    removeFingerprintOnSuccess: true,
    onProgress: (sent, total) => { bar.value = Math.floor(100 * sent / total); note.textContent = `uploaded ${bar.value}%`; },
    onAfterResponse: (req, res) => { videoId = res.getHeader('X-Kinora-Video-Id') || videoId; },
    onError: (e) => { note.textContent = 'Upload failed: ' + ((e.originalResponse && e.originalResponse.getBody()) || e.message); note.className = 'error'; },
    onSuccess: async () => {
      abort.remove();
      bar.value = 100;
      if (!videoId) videoId = (await api(upload.url.replace(/^.*\/api\/v1/, '') + '/video')).videoId;
      fill(note, 'Uploaded. ', h('a', { href: `#/watch/${videoId}`, class: 'watch-link' }, 'Open video'));
      card.dataset.videoId = videoId;
      liveProgress(await api(`/videos/${videoId}`), encode);
    },
  });
  abort.addEventListener('click', () => {
    paused = !paused;
    if (paused) { upload.abort(); abort.textContent = 'Resume'; note.textContent = 'paused'; } else { upload.start(); abort.textContent = 'Pause'; }
  });
  upload.findPreviousUploads().then((prev) => {
    if (prev.length) { upload.resumeFromPreviousUpload(prev[0]); note.textContent = 'resuming an earlier upload…'; }
    upload.start();
  });
}
