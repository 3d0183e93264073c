// /metrics (Prometheus text format) parsed into samples, and tiny SVG sparklines.
import { h } from './api.js';

/** [{name, labels: {k: v}, value}] from Prometheus exposition text. */
export function parsePrometheus(text) {
  const out = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = line.match(/^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/);
    if (!m) continue;
    const labels = {};
    for (const l of (m[2] || '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2].replace(/\\(.)/g, '$1');
    out.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return out;
}

/** Sum of the samples named `name` whose labels include `match`. */
export const metric = (samples, name, match = {}) => samples
  .filter((s) => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v))
  .reduce((a, s) => a + s.value, 0);

export function sparkline(values, label) {
  const w = 160, ht = 36, max = Math.max(1, ...values);
  const pts = values.map((v, i) => `${(i / Math.max(1, values.length - 1)) * w},${ht - 2 - (v / max) * (ht - 4)}`).join(' ');
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', `0 0 ${w} ${ht}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.innerHTML = `<polyline fill="none" stroke="#1f5fbf" stroke-width="2" points="${pts}"/>`;
  return svg;
}

export const stat = (title, value, history, id) =>
  h('div', { class: 'stat', id }, h('div', { class: 'muted' }, title), h('div', { class: 'value' }, value),
    history && history.length > 1 ? sparkline(history, `${title} over the last minutes`) : null);
