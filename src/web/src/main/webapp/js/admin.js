// Admin console: encode job executions with steps and partitions, live; stop/restart/abandon; failures
// with their reason; and the operational numbers from /metrics with short histories.
import { api, page, sse, API, auth, currentUser, isAdmin, signIn, signOut, ssoLink, takeSsoToken, h, badge, fmtBytes, fmtTime, fill } from './api.js';
import { parsePrometheus, metric, stat } from './metrics.js';

const main = document.getElementById('view');
const LIMIT = 15;
const state = { offset: 0, status: '', selected: null, history: {}, lastPieces: null };

async function start() {
  const me = await currentUser(true);
  const who = document.getElementById('who');
  if (!isAdmin(me)) { fill(who); return signInForm(me); }
  fill(who, h('span', { id: 'signed-in-as' }, me.username),
    h('button', { type: 'button', class: 'secondary', id: 'sign-out', onclick: async () => { if (await signOut()) start(); } }, 'Sign out'));
  const metricsBox = h('section', { id: 'metrics', 'aria-labelledby': 'm-h' });
  const jobsBox = h('section', { id: 'jobs', 'aria-labelledby': 'j-h' });
  const jobBox = h('section', { id: 'job', 'aria-live': 'polite' });
  const failuresBox = h('section', { id: 'failures' });
  const torrentsBox = h('section', { id: 'torrents', 'aria-labelledby': 't-h' });
  const nodesBox = h('section', { id: 'nodes', 'aria-labelledby': 'n-h' });
  const reconcilerBox = h('section', { id: 'reconciler', 'aria-labelledby': 'r-h' });
  fill(main, h('h1', {}, 'Operations'), h('h2', { id: 'm-h' }, 'System'), metricsBox,
    h('h2', { id: 'n-h' }, 'Nodes'), nodesBox,
    h('h2', { id: 'r-h' }, 'Reconciler'), reconcilerBox,
    h('h2', { id: 't-h' }, 'Torrent downloads'), torrentsBox,
    h('h2', { id: 'j-h' }, 'Encode jobs'), jobsBox, jobBox, failuresBox);
  torrents(torrentsBox);
  setInterval(() => torrents(torrentsBox), 2000);
  nodes(nodesBox);
  setInterval(() => nodes(nodesBox), 5000);
  reconciler(reconcilerBox);
  setInterval(() => reconciler(reconcilerBox), 30000);
  const refreshAll = throttle(() => { jobs(jobsBox, jobBox); if (state.selected) job(jobBox, state.selected); failures(failuresBox); }, 1000);
  metrics(metricsBox); jobs(jobsBox, jobBox); failures(failuresBox);
  setInterval(() => metrics(metricsBox), 5000);
  // step and partition states change without events: poll the open job while it runs
  setInterval(() => { if (state.selected && state.running) job(jobBox, state.selected); }, 2000);
  sse(`${API}/events`, refreshAll);
}

// the cluster's nodes from their own heartbeats: one that stopped beating for the lease is "not answering"
async function nodes(box) {
  let list;
  try { list = await api('/nodes'); } catch (e) { fill(box, h('p', { class: 'error' }, 'unavailable: ' + e.message)); return; }
  fill(box, h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, ...['Node', 'State', 'Encoders busy', 'Last seen', 'Up since'].map((t) => h('th', {}, t)))),
    h('tbody', {}, ...list.map((n) => h('tr', { 'data-node': n.name },
      h('td', {}, n.name), h('td', {}, n.answering ? badge('ANSWERING') : badge('NOT ANSWERING')),
      h('td', {}, `${n.busy} of ${n.slots}`), h('td', {}, fmtTime(n.lastSeen)), h('td', {}, fmtTime(n.startedAt))))))));
}

// what the periodic reconciler fixed lately (stuck videos, abandoned direct uploads, leftover work), and a pass now
async function reconciler(box) {
  let list;
  try { list = await api('/admin/reconciler'); } catch (e) { fill(box, h('p', { class: 'error' }, 'unavailable: ' + e.message)); return; }
  const run = h('button', { type: 'button', class: 'secondary', id: 'reconcile-now', onclick: async () => {
    run.disabled = true;
    try { await api('/admin/reconciler/run', { method: 'POST' }); } catch (e) { box.append(h('p', { class: 'error' }, e.message)); }
    reconciler(box);
  } }, 'Reconcile now');
  fill(box, list.length ? h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, ...['When', 'Node', 'Action', 'Subject', 'Detail'].map((t) => h('th', {}, t)))),
    h('tbody', {}, ...list.slice(0, 15).map((a) => h('tr', { 'data-kind': a.kind },
      h('td', {}, fmtTime(a.at)), h('td', {}, a.node), h('td', {}, a.kind), h('td', {}, a.subject), h('td', {}, a.detail || '')))))) :
    h('p', { class: 'muted' }, 'Nothing to fix so far.'), run);
}

// running torrent imports (each a child process): stage, bytes, peers, rate; cancel = delete a video of it
async function torrents(box) {
  let list;
  try { list = await api('/torrents'); } catch (e) { fill(box, h('p', { class: 'error' }, 'unavailable: ' + e.message)); return; }
  if (!list.length) { fill(box, h('p', { class: 'muted' }, 'No torrent download is running.')); return; }
  fill(box, h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, ...['Torrent', 'Owner', 'Stage', 'Done', 'Peers', 'Rate', 'Videos', 'Started'].map((t) => h('th', {}, t)))),
    h('tbody', {}, ...list.map((t) => h('tr', { 'data-import': t.importId },
      h('td', {}, t.name), h('td', {}, String(t.ownerId)), h('td', {}, t.stage),
      h('td', {}, `${fmtBytes(t.bytesDone)} / ${fmtBytes(t.bytesTotal)}`), h('td', {}, String(t.peers)),
      h('td', {}, `${fmtBytes(t.bytesPerSecond)}/s`),
      h('td', {}, ...t.videoIds.map((id) => h('a', { href: `/#/watch/${id}` }, id.substring(0, 8) + ' '))),
      h('td', {}, fmtTime(t.startedAt))))))));
}

function signInForm(me) {
  const user = h('input', { type: 'text', id: 'username', autocomplete: 'username', required: true });
  const pass = h('input', { type: 'password', id: 'password', autocomplete: 'current-password', required: true });
  const err = h('p', { class: 'error', role: 'alert' }, me ? `${me.username} is not an administrator.` : '');
  fill(main, h('h1', {}, 'Administrator sign-in'), h('form', { class: 'card', onsubmit: async (e) => {
    e.preventDefault();
    try { await signIn(user.value.trim(), pass.value, false); start(); } catch (x) { err.textContent = x.status === 401 ? 'Wrong username or password.' : x.message; }
  } }, h('label', { for: 'username' }, 'Username'), user, h('label', { for: 'password' }, 'Password'), pass, err,
  h('button', { type: 'submit', id: 'signin' }, 'Sign in')));
  user.focus();
  ssoLink('admin').then((a) => { if (a) main.append(h('p', {}, 'Or with your company account: ', a)); });
}

async function metrics(box) {
  let s;
  try {
    const r = await fetch('/metrics', { headers: auth.token ? { Authorization: 'Bearer ' + auth.token } : {} });
    s = parsePrometheus(await r.text());
  } catch (e) { fill(box, h('p', { class: 'error' }, 'metrics unavailable: ' + e.message)); return; }
  const pieces = metric(s, 'kinora_pieces_encoded_total');
  const now = Date.now();
  const perMin = state.lastPieces ? Math.max(0, (pieces - state.lastPieces.v) * 60000 / (now - state.lastPieces.t)) : 0;
  state.lastPieces = { v: pieces, t: now };
  const videos = metric(s, 'kinora_videos');
  const failed = metric(s, 'kinora_videos', { status: 'FAILED' });
  const values = {
    queue: metric(s, 'kinora_queue_depth', { queue: 'ingest' }), dlq: metric(s, 'kinora_queue_depth', { queue: 'dlq' }),
    running: metric(s, 'kinora_jobs', { state: 'STARTED' }), busy: metric(s, 'kinora_encoders_busy'), perMin, errors: videos ? 100 * failed / videos : 0,
    stored: metric(s, 'kinora_stored_bytes'), limited: metric(s, 'kinora_rate_limited_total'), uploads: metric(s, 'kinora_uploads_in_flight'),
  };
  for (const [k, v] of Object.entries(values)) (state.history[k] ||= []).push(v), state.history[k].splice(0, Math.max(0, state.history[k].length - 60));
  const hist = state.history;
  const byCode = s.filter((x) => x.name === 'kinora_video_failures' && x.value > 0).map((x) => `${x.labels.code}: ${x.value}`);
  fill(box, h('div', { class: 'stats' },
    stat('Ingest queue', values.queue, hist.queue, 'stat-queue'),
    stat('Dead letters (DLQ)', values.dlq, hist.dlq, 'stat-dlq'),
    stat('Jobs running', values.running, hist.running, 'stat-running'),
    stat('Encoders busy', `${values.busy} of ${metric(s, 'kinora_encode_slots')}`, hist.busy, 'stat-encoders'),
    stat('Pieces encoded / min', values.perMin.toFixed(1), hist.perMin, 'stat-throughput'),
    stat('Videos failed', `${failed} of ${videos} (${values.errors.toFixed(1)}%)`, hist.errors, 'stat-errors'),
    stat('Storage used', fmtBytes(values.stored), hist.stored, 'stat-storage'),
    stat('Uploads in flight', values.uploads, hist.uploads, 'stat-uploads'),
    stat('Rate-limited requests', values.limited, hist.limited, 'stat-limited')),
  byCode.length ? h('p', { class: 'muted' }, 'Failures by code: ' + byCode.join(', ')) : null);
}

async function jobs(box, jobBox) {
  const q = new URLSearchParams({ offset: state.offset, limit: LIMIT });
  if (state.status) q.set('status', state.status);
  let p;
  try { p = await page(`/jobs?${q}`); } catch (e) { fill(box, h('p', { class: 'error' }, e.message)); return; }
  const filter = h('select', { id: 'job-status', onchange: () => { state.status = filter.value; state.offset = 0; jobs(box, jobBox); } },
    ['', 'STARTING', 'STARTED', 'STOPPING', 'STOPPED', 'FAILED', 'COMPLETED', 'ABANDONED'].map((x) => h('option', { value: x, selected: x === state.status }, x || 'any')));
  const rows = p.items.map((j) => h('tr', { 'data-job-id': j.id },
    h('td', {}, h('button', { type: 'button', class: 'secondary open-job', onclick: () => { state.selected = j.id; job(jobBox, j.id); } }, `#${j.id}`)),
    h('td', {}, h('a', { href: `/#/watch/${j.videoId}` }, j.videoId)), h('td', {}, badge(j.status)),
    h('td', {}, j.exitStatus && j.exitStatus !== j.status ? j.exitStatus : ''), h('td', {}, fmtTime(j.start)), h('td', {}, fmtTime(j.end))));
  const nav = h('div', { class: 'row' },
    h('button', { type: 'button', class: 'secondary', disabled: state.offset === 0, onclick: () => { state.offset = Math.max(0, state.offset - LIMIT); jobs(box, jobBox); } }, '← Newer'),
    h('span', { class: 'muted' }, `${p.total ? state.offset + 1 : 0}–${state.offset + p.items.length} of ${p.total}`),
    h('button', { type: 'button', class: 'secondary', disabled: state.offset + LIMIT >= p.total, onclick: () => { state.offset += LIMIT; jobs(box, jobBox); } }, 'Older →'));
  fill(box, h('div', { class: 'card' },
    h('div', { class: 'row' }, h('label', { for: 'job-status' }, 'Status'), h('div', {}, filter)),
    h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, ['Job', 'Video', 'Status', 'Exit', 'Started', 'Ended'].map((x) => h('th', {}, x)))),
      h('tbody', {}, rows))), nav));
}

async function job(box, id) {
  let j;
  try { j = await api(`/jobs/${id}`); } catch (e) { fill(box, h('p', { class: 'error' }, e.message)); return; }
  state.running = ['STARTING', 'STARTED', 'STOPPING'].includes(j.status);
  const msg = h('p', { class: 'muted', id: 'job-message' });
  const ended = ['STOPPED', 'FAILED'].includes(j.status);
  const allowed = { stop: state.running, restart: ended, abandon: ended };
  const act = (verb, label, cls = 'secondary') => h('button', { type: 'button', class: cls, id: `job-${verb}`, disabled: !allowed[verb], onclick: async () => {
    try {
      const r = await api(`/jobs/${id}/${verb}`, { method: 'POST' });
      if (verb === 'restart') { state.selected = r.id; msg.textContent = `restarted as #${r.id}`; }
      job(box, state.selected);
    } catch (e) { msg.textContent = e.message; }
  } }, label);
  let video = null;
  if (j.videoId) try { video = await api(`/videos/${j.videoId}`); } catch { /* deleted */ }
  const steps = j.steps.map((s) => h('tr', { 'data-step': s.name },
    h('td', {}, s.name), h('td', {}, badge(s.status)), h('td', {}, s.exitStatus && s.exitStatus !== s.status ? s.exitStatus : ''),
    h('td', { class: 'muted' }, Object.entries(s.metrics || {}).filter(([, v]) => v).map(([k, v]) => `${k.toLowerCase()}: ${v}`).join(', ')),
    h('td', {}, s.partitions?.length ? h('div', { class: 'parts', role: 'list', 'aria-label': `${s.partitions.length} partitions` },
      s.partitions.map((p) => h('span', { class: p.status, role: 'listitem', title: `partition ${p.number}: ${p.status}${p.exitStatus && p.exitStatus !== p.status ? ' (' + p.exitStatus + ')' : ''}` }, p.number))) : '')));
  fill(box, h('div', { class: 'card', 'data-job-id': j.id, 'data-status': j.status },
    h('h2', {}, `Job #${j.id} `, badge(j.status)),
    h('p', { class: 'muted' }, `${j.job} · video `, h('a', { href: `/#/watch/${j.videoId}` }, video?.title || j.videoId),
      ` · started ${fmtTime(j.start)}${j.end ? ' · ended ' + fmtTime(j.end) : ''}`),
    video?.progress && state.running ? h('div', {}, h('label', { for: 'job-progress' }, `${video.progress.stage} ${video.progress.percent}%`),
      h('progress', { id: 'job-progress', max: 100, value: video.progress.percent })) : null,
    video?.failure ? h('p', { class: 'error' }, `Failed (${video.failure.code}): ${video.failure.reason}`) : null,
    j.exitStatus && !['COMPLETED', j.status].includes(j.exitStatus) ? h('p', {}, 'Exit status: ' + j.exitStatus) : null,
    Object.keys(j.encodedBy || {}).length ? h('p', { class: 'muted', id: 'job-nodes' }, 'Encoded by: '
      + Object.entries(j.encodedBy).map(([node, n]) => `${node} (${n} piece${n === 1 ? '' : 's'})`).join(', ')) : null,
    video?.trace ? h('p', { class: 'muted', id: 'job-trace' }, 'Trace: ', video.trace.url
      ? h('a', { href: video.trace.url, target: '_blank', rel: 'noopener' }, video.trace.id) : video.trace.id) : null,
    h('div', { class: 'row' }, act('stop', 'Stop', 'danger'), act('restart', 'Restart'), act('abandon', 'Abandon')), msg,
    h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, ['Step', 'Status', 'Exit', 'Counters', 'Partitions'].map((x) => h('th', {}, x)))),
      h('tbody', {}, steps)))));
}

async function failures(box) {
  let p;
  try { p = await page('/videos?status=FAILED&limit=10'); } catch { return; }
  if (!p.items.length) { fill(box); return; }
  const rows = p.items.map((v) => h('tr', {}, h('td', {}, h('a', { href: `/#/watch/${v.id}` }, v.title)),
    h('td', {}, v.failure?.code || ''), h('td', {}, v.failure?.reason || ''), h('td', {}, v.jobExecutionId ? `#${v.jobExecutionId}` : '')));
  fill(box, h('h2', {}, `Failed videos (${p.total})`), h('div', { class: 'card table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, ['Video', 'Code', 'Reason', 'Job'].map((x) => h('th', {}, x)))), h('tbody', {}, rows))));
}

function throttle(f, ms) {
  let t = null;
  return () => { if (!t) t = setTimeout(() => { t = null; f(); }, ms); };
}

takeSsoToken();
start();
