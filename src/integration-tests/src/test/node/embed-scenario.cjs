// Kinora from another origin, in the Debian chromium driven by playwright-core. A "foreign" site is served by a
// small HTTP server on 127.0.0.1 at a port the OS picks (another origin than Kinora's, never a fixed port that could
// collide); its pages use Kinora the way other sites would:
//  - hls.js on the foreign page plays a public video straight from Kinora's media (CORS) and switches quality,
//    reads the exposed range headers of a progressive MP4, and is refused private media and the API;
//  - an iframe of /embed/{id}?autoplay=1&muted=1&start=N plays muted from N; a private video's embed shows the
//    message, and plays with a share link's signature;
//  - the owner's share panel writes the iframe code (with a start time; signed for a private video), and that code
//    plays on the foreign page;
//  - Kinora's other pages (the app, a watch page, the admin console) refuse to load in the foreign frame, while a
//    frame of Kinora in Kinora itself loads (the control that shows the check can see a page load).
// Prints one JSON line of findings.
// usage: node embed-scenario.cjs <kinora base> <public id> <rendition> <private id> <share query> <owner token> <screenshots dir>
const { launch } = require('./browser.cjs');
const http = require('http');
const fs = require('fs');

const [kinora, publicId, rendition, privateId, shareQuery, ownerToken, shots] = process.argv.slice(2);
const found = { steps: [], pageErrors: [], refusedToFrame: [] };
const step = (name) => { found.steps.push(name); console.error(`[embed] ${new Date().toISOString()} ${name}`); };

// the foreign site: one empty page that loads hls.js from Kinora (a script tag needs no CORS)
const foreignPage = `<!doctype html><html><head><meta charset="utf-8"><title>A foreign site</title>
<script src="${kinora}/vendor/hls.js/hls.min.js"></script></head>
<body><h1>A blog that embeds Kinora</h1><div id="here"></div></body></html>`;
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(foreignPage);
});

/** Adds an iframe to the page and resolves with its Frame once the browser says it loaded (or was refused). */
async function frameOf(page, src, width = 480, height = 270) {
  const name = 'f' + Math.random().toString(36).slice(2, 8);
  await page.evaluate(({ src, name, width, height }) => new Promise((res) => {
    const f = document.createElement('iframe');
    Object.assign(f, { src, name, width, height });
    f.setAttribute('allow', 'autoplay; fullscreen');
    f.addEventListener('load', () => res(), { once: true });
    document.getElementById('here').append(f);
    setTimeout(res, 15000);
  }), { src, name, width, height });
  return page.frame({ name });
}

/** Whether a Kinora page really rendered in the frame (a refused frame holds the browser's error page). */
async function appLoaded(frame) {
  if (!frame) return false;
  try {
    await frame.waitForSelector('header.top', { timeout: 3000 });
    return true;
  } catch { return false; }
}

async function playsIn(frame) {
  await frame.waitForFunction(() => window.kinoraPlayer && !window.kinoraPlayer.video.paused
    && window.kinoraPlayer.video.currentTime > 0 && window.kinoraPlayer.video.readyState >= 3, null, { timeout: 60_000 });
  return frame.evaluate(() => { const v = window.kinoraPlayer.video; return { muted: v.muted, paused: v.paused, currentTime: v.currentTime }; });
}

(async () => {
  fs.mkdirSync(shots, { recursive: true });
  await new Promise((res) => server.listen(0, '127.0.0.1', res));
  const foreign = `http://127.0.0.1:${server.address().port}`;
  found.foreignOrigin = foreign;
  // no --autoplay-policy flag: the embed must autoplay the way a browser allows it, muted
  const browser = await launch();
  try {
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await ctx.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (e) => found.pageErrors.push(String(e)));
    page.on('console', (m) => { if (/Refused to (display|frame)/.test(m.text())) found.refusedToFrame.push(m.text()); });
    await page.goto(foreign + '/');

    step('hls.js on the foreign page plays Kinora media directly');
    found.hls = await page.evaluate(({ master }) => new Promise((res) => {
      const out = { errors: [], fragLevels: [] };
      const video = document.createElement('video');
      video.muted = true;
      document.getElementById('here').append(video);
      const hls = new Hls();
      window.hls = hls;
      hls.on(Hls.Events.ERROR, (_, d) => { out.errors.push(d.details + (d.fatal ? ' (fatal)' : '')); if (d.fatal) res(out); });
      hls.on(Hls.Events.FRAG_LOADED, (_, d) => out.fragLevels.push(d.frag.level));
      hls.on(Hls.Events.MANIFEST_PARSED, () => {
        out.levels = hls.levels.map((l) => l.height);
        video.play().then(() => { out.playing = true; }, (e) => out.errors.push('play: ' + e));
      });
      video.addEventListener('timeupdate', function once() {
        if (video.currentTime < 0.3) return;
        video.removeEventListener('timeupdate', once);
        out.startLevel = hls.currentLevel;
        const target = hls.levels.findIndex((_, i) => i !== hls.currentLevel);
        out.target = target;
        hls.on(Hls.Events.LEVEL_SWITCHED, (_, d) => { if (d.level === target) out.switchedTo = d.level; });
        hls.currentLevel = target; // flushes the buffer and loads the other rendition
        const t0 = video.currentTime;
        const check = setInterval(() => {
          if (out.switchedTo === target && out.fragLevels.includes(target) && video.currentTime > t0) {
            clearInterval(check);
            out.currentTime = video.currentTime;
            res(out);
          }
        }, 100);
      });
      setTimeout(() => res(out), 60_000);
      hls.loadSource(master);
      hls.attachMedia(video);
    }), { master: `${kinora}/api/v1/videos/${publicId}/hls/master.m3u8` });
    await page.evaluate(() => window.hls?.destroy());

    step('exposed range headers, refused private media and API');
    found.exposed = await page.evaluate(async ({ mp4 }) => {
      // If-None-Match is not CORS-safelisted: this request is preflighted, Range and all
      const r = await fetch(mp4, { headers: { Range: 'bytes=0-99', 'If-None-Match': '"not-this-one"' } });
      await r.arrayBuffer();
      return { status: r.status, contentRange: r.headers.get('Content-Range'), contentLength: r.headers.get('Content-Length'),
        acceptRanges: r.headers.get('Accept-Ranges'), etag: r.headers.get('ETag') };
    }, { mp4: `${kinora}/api/v1/videos/${publicId}/mp4/${rendition}` });
    const outcome = (url, init) => page.evaluate(async ({ url, init }) => {
      try { const r = await fetch(url, init); return 'read ' + r.status; } catch (e) { return 'blocked'; }
    }, { url, init });
    found.privateMedia = await outcome(`${kinora}/api/v1/videos/${privateId}/hls/master.m3u8`, { headers: { Authorization: 'Bearer ' + ownerToken } });
    found.privatePoster = await outcome(`${kinora}/api/v1/videos/${privateId}/thumbs/poster.jpg`, {});
    found.api = await outcome(`${kinora}/api/v1/videos/${publicId}`, {});
    found.apiWithToken = await outcome(`${kinora}/api/v1/videos?mine=true`, { headers: { Authorization: 'Bearer ' + ownerToken } });
    found.publicPoster = await outcome(`${kinora}/api/v1/videos/${publicId}/thumbs/poster.jpg`, {});
    found.oembed = await outcome(`${kinora}/api/v1/oembed?url=${encodeURIComponent(kinora + '/watch/' + publicId)}`, {});

    step('embed a public video: autoplay muted from start=3');
    const embed = await frameOf(page, `${kinora}/embed/${publicId}?autoplay=1&muted=1&start=3&captions=en`);
    found.embedFirst = await embed.evaluate(() => new Promise((res) => {
      const v = window.kinoraPlayer.video;
      const report = () => res({ muted: v.muted, currentTime: v.currentTime });
      if (!v.paused && v.currentTime > 0) report(); else v.addEventListener('playing', report, { once: true });
    }));
    found.embed = await playsIn(embed);
    found.embedWatchLink = await embed.getAttribute('#watch-on-kinora', 'href');
    found.embedQualities = await embed.$$eval('#quality option', (os) => os.length);
    await embed.waitForFunction(() => window.kinoraPlayer.video.dataset.captions && document.querySelector('.scrub input[type=range]'), null, { timeout: 20_000 })
      .catch(() => {});
    found.embedExtras = await embed.evaluate(() => {
      const v = window.kinoraPlayer.video;
      return { captions: v.dataset.captions || null, showing: [...v.textTracks].filter((t) => t.mode === 'showing').map((t) => t.language),
        storyboard: !!document.querySelector('.scrub input[type=range]'), poster: v.poster, appChrome: !!document.querySelector('header.top') };
    });
    await embed.click('#quality-now'); // a click gives the iframe the keyboard, as a viewer's would; then its keys work
    await page.keyboard.press('k');
    found.embedKeyPaused = await embed.evaluate(() => window.kinoraPlayer.video.paused);
    await page.keyboard.press('k');
    found.embedKeyResumed = await embed.evaluate(() => new Promise((res) => setTimeout(() => res(!window.kinoraPlayer.video.paused), 300)));
    await page.screenshot({ path: `${shots}/20-foreign-embed.png`, fullPage: true });

    step('a private video: the message, then the share link');
    const priv = await frameOf(page, `${kinora}/embed/${privateId}`);
    await priv.waitForSelector('#embed-message');
    found.privateMessage = { code: await priv.getAttribute('#embed-message', 'data-code'), text: (await priv.textContent('#embed-message')).trim(),
      player: await priv.$('video') !== null };
    const signed = await frameOf(page, `${kinora}/embed/${privateId}?${shareQuery}&autoplay=1&muted=1`);
    found.privateSigned = await playsIn(signed);
    await page.screenshot({ path: `${shots}/21-foreign-private-embeds.png`, fullPage: true });

    step('the share panel writes the embed code, and that code plays on the foreign page');
    const kin = await ctx.newPage();
    kin.on('pageerror', (e) => found.pageErrors.push(String(e)));
    await kin.goto(kinora + '/');
    await kin.evaluate((t) => sessionStorage.setItem('kinora.token', t), ownerToken);
    await kin.goto(`${kinora}/watch/${publicId}`);
    await kin.click('#share-embed');
    await kin.fill('#share-start', '0:04');
    found.shareCode = await kin.inputValue('#embed-code');
    found.shareUrl = await kin.inputValue('#share-url');
    await kin.screenshot({ path: `${shots}/22-share-embed-code.png`, fullPage: true });
    await kin.goto(`${kinora}/#/watch/${privateId}`);
    await kin.click('#share-embed');
    await kin.waitForFunction(() => document.querySelector('#embed-code').value.includes('sig='));
    found.privateShareCode = await kin.inputValue('#embed-code');
    await kin.close();
    const srcOf = (code) => (code.match(/src="([^"]+)"/) || [])[1].replace(/&amp;/g, '&');
    const fromCode = await frameOf(page, srcOf(found.shareCode) + '&autoplay=1&muted=1');
    found.shareCodeFirst = await fromCode.evaluate(() => new Promise((res) => {
      const v = window.kinoraPlayer.video;
      const report = () => res({ muted: v.muted, currentTime: v.currentTime });
      if (!v.paused && v.currentTime > 0) report(); else v.addEventListener('playing', report, { once: true });
    }));
    found.privateShareCodePlays = await playsIn(await frameOf(page, srcOf(found.privateShareCode) + '&autoplay=1&muted=1'));

    step("Kinora's other pages refuse the foreign frame");
    found.framed = {};
    for (const [name, path] of [['app', '/'], ['watch', `/watch/${publicId}`], ['hashWatch', `/#/watch/${publicId}`], ['admin', '/admin/']]) {
      found.framed[name] = await appLoaded(await frameOf(page, kinora + path));
    }
    step('control: Kinora frames itself');
    const own = await ctx.newPage();
    await own.goto(kinora + '/');
    await own.evaluate(() => { const d = document.createElement('div'); d.id = 'here'; document.body.append(d); });
    found.framed.selfControl = await appLoaded(await frameOf(own, kinora + '/'));
    await own.close();
    await ctx.close();
  } catch (e) {
    found.error = String(e && e.stack || e);
  } finally {
    await browser.close();
    server.close();
  }
  console.log(JSON.stringify(found));
})();
