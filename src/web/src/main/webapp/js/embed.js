// The embed player (/embed/{id}, rendered by EmbedServlet): the player alone for iframes on other sites. Its
// configuration (video, options from the query string, a share link's signature) is in #embed-config; it never
// sends the signed-in user's token: what plays here is what anyone holding the embed code may see.
import { h } from './api.js';
import { createPlayer } from './player.js';

const config = JSON.parse(document.getElementById('embed-config').textContent);
const box = document.getElementById('embed');
const o = config.options || {};
const player = createPlayer(box, {
  master: config.master, signed: config.signed || null, poster: config.poster || null,
  storyboard: config.storyboard || null, anonymous: true, compact: true,
  start: o.start || 0, autoplay: !!o.autoplay, muted: !!o.muted, loop: !!o.loop, captions: o.captions || null,
});
box.prepend(h('div', { class: 'bar' },
  h('a', { class: 'title', href: config.watch, target: '_blank', rel: 'noopener', title: config.title }, config.title),
  h('a', { class: 'watch-on', id: 'watch-on-kinora', href: config.watch, target: '_blank', rel: 'noopener' }, 'Watch on Kinora')));
window.kinoraPlayer = player; // for the page's own scripts and tests: the <video> and the hls.js instance
