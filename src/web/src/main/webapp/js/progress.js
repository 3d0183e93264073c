// Live state of one video: status, stage, percent and per-rendition pieces, kept current from its SSE stream.
import { api, API, sse, h, badge, fill, fmtBytes } from './api.js';

/**
 * Renders into `box` and follows /videos/{id}/events; onChange(video) after each status change.
 * Returns stop().
 */
export function liveProgress(video, box, onChange = () => {}) {
  let v = video;
  const live = { stage: v.progress?.stage, percent: v.progress?.percent ?? 0, download: v.progress?.download || null,
    done: { ...(v.progress?.piecesDone || {}) }, total: { ...(v.progress?.piecesTotal || {}) }, published: [] };

  function render() {
    const rows = (v.renditions || []).map((r) => {
      const published = r.status === 'PUBLISHED' || live.published.includes(r.name);
      const status = published ? 'PUBLISHED' : r.status;
      const d = live.done[r.name] ?? 0, t = live.total[r.name];
      return h('tr', { 'data-rendition': r.name },
        h('td', {}, r.name), h('td', {}, `${r.width}×${r.height}`),
        h('td', {}, t ? `${published ? t : d}/${t}` : ''), h('td', { class: 'rendition-status' }, badge(status)));
    });
    fill(box, 
      h('div', { class: 'row' }, h('span', {}, 'Status: '), h('span', { class: 'video-status', 'data-status': v.status }, badge(v.status)),
        h('span', { class: 'muted' }, live.stage ? `stage: ${live.stage}` : '')),
      live.download
        ? h('label', { for: `pct-${v.id}`, class: 'torrent-download' },
          `Downloading ${live.percent}% · ${fmtBytes(live.download.bytesDone)} of ${fmtBytes(live.download.bytesTotal)} · `
          + `${live.download.peers} peer${live.download.peers === 1 ? '' : 's'} · ${fmtBytes(live.download.bytesPerSecond)}/s`)
        : h('label', { for: `pct-${v.id}` }, `Encoding ${live.percent}%`),
      h('progress', { id: `pct-${v.id}`, max: 100, value: live.percent }),
      v.failure ? h('p', { class: 'error', role: 'alert' }, `Failed (${v.failure.code}): ${v.failure.reason}`) : null,
      rows.length ? h('div', { class: 'table-wrap' }, h('table', {},
        h('caption', { class: 'visually-hidden' }, 'Renditions'),
        h('thead', {}, h('tr', {}, h('th', {}, 'Rendition'), h('th', {}, 'Size'), h('th', {}, 'Pieces'), h('th', {}, 'State'))),
        h('tbody', {}, rows))) : null);
  }

  async function refresh() {
    try { v = await api(`/videos/${v.id}`); } catch { return; }
    if (v.status === 'COMPLETED') live.percent = 100;
    render();
    onChange(v);
  }

  render();
  if (v.status === 'COMPLETED' || v.status === 'FAILED') return () => {};
  const stop = sse(`${API}/videos/${v.id}/events`, (type, data) => {
    if (type === 'progress') {
      live.stage = data.stage; live.percent = data.percent ?? live.percent;
      live.download = data.bytesTotal !== undefined ? { bytesDone: data.bytesDone, bytesTotal: data.bytesTotal,
        peers: data.peers, bytesPerSecond: data.bytesPerSecond } : null;
      Object.assign(live.done, data.piecesDone || {}); Object.assign(live.total, data.piecesTotal || {});
      const newly = (data.published || []).filter((n) => !live.published.includes(n));
      live.published = data.published || live.published;
      if (newly.length) refresh(); else render();
    } else if (type === 'status') {
      refresh();
      if (data.status === 'COMPLETED' || data.status === 'FAILED' || data.status === 'DELETED') stop();
    }
  });
  // the first status change may have happened before the stream opened
  refresh();
  return stop;
}
