// Drives the pages in the Debian chromium with playwright-core: sign up, upload through the page, watch the
// live progress reach READY and COMPLETED, play and switch quality, search, make it private and open its
// share link in a fresh context; then as admin stop a running encode from the console and restart it.
// Screenshots of each page go to <screenshots>. Prints one JSON line of findings.
// usage: node ui-scenario.cjs <base url> <admin password> <short video> <long video> <screenshots dir>
const { launch } = require('./browser.cjs');
const fs = require('fs');

const [base, adminPassword, shortVideo, longVideo, shots] = process.argv.slice(2);
const found = { steps: [] };
const step = (name) => { found.steps.push(name); console.error(`[ui] ${new Date().toISOString()} ${name}`); };
const MIN = 60_000;

(async () => {
  fs.mkdirSync(shots, { recursive: true });
  const browser = await launch('--autoplay-policy=no-user-gesture-required');
  const errors = [];
  found.cspViolations = [];
  found.documentPolicies = [];
  const open = async (ctx) => {
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    // every Content-Security-Policy violation, reported by the page itself and by Chromium's console
    await page.addInitScript(() => document.addEventListener('securitypolicyviolation',
      (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`)));
    page.on('console', (m) => { if (/CSP violation|Content Security Policy/i.test(m.text())) found.cspViolations.push(m.text()); });
    page.on('response', (r) => {
      if (r.request().resourceType() !== 'document') return;
      const p = r.headers()['content-security-policy'] || '(none)';
      if (!found.documentPolicies.includes(p)) found.documentPolicies.push(p);
    });
    page.setDefaultTimeout(30_000);
    return page;
  };
  const shot = (page, name) => page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  try {
    const ctx = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await open(ctx);

    step('sign up');
    const user = 'ui-' + Math.random().toString(36).slice(2, 10);
    await page.goto(base + '/#/signin');
    await page.fill('#username', user);
    await page.fill('#password', 'pw-' + user + '-long');
    await shot(page, '01-signin');
    await page.click('#register');
    await page.waitForSelector('#signed-in-as');
    found.user = user;

    step('upload');
    const title = 'Kinora UI ' + Math.random().toString(36).slice(2, 8);
    await page.goto(base + '/#/upload');
    await page.fill('#up-title', title);
    await page.selectOption('#up-visibility', 'PUBLIC');
    // record every status the live progress shows, however briefly
    await page.evaluate(() => {
      window.__statuses = [];
      new MutationObserver(() => document.querySelectorAll('.upload .video-status').forEach((e) => {
        const s = e.dataset.status; if (window.__statuses.at(-1) !== s) window.__statuses.push(s);
      })).observe(document.body, { subtree: true, childList: true });
    });
    await page.setInputFiles('#file', shortVideo);
    await page.waitForSelector('.upload .watch-link', { timeout: 2 * MIN });
    found.videoId = await page.getAttribute('.upload', 'data-video-id');
    await page.waitForSelector('.upload tr[data-rendition]', { timeout: 2 * MIN });
    await shot(page, '02-upload-progress');
    await page.waitForSelector('.upload .video-status[data-status="COMPLETED"]', { timeout: 5 * MIN });
    found.statusesSeen = await page.evaluate(() => window.__statuses);
    found.renditionStates = await page.$$eval('.upload tr[data-rendition]', (rows) => rows.map((r) => [r.dataset.rendition, r.querySelector('.rendition-status').textContent]));
    await shot(page, '03-upload-completed');

    step('play');
    await page.click('.upload .watch-link');
    await page.waitForSelector('#player video');
    await page.waitForFunction(() => document.querySelectorAll('#quality option').length > 1);
    const playing = page.evaluate(() => new Promise((res) => document.querySelector('#player video').addEventListener('playing', () => res(true), { once: true })));
    await page.evaluate(() => { const v = document.querySelector('#player video'); v.muted = true; return v.play(); });
    found.playing = await playing;
    await page.waitForFunction(() => document.querySelector('#player video').currentTime > 0.5);
    await shot(page, '04-watch-playing');


    step('switch quality');
    const options = await page.$$eval('#quality option', (os) => os.map((o) => o.value).filter((v) => v !== '-1'));
    const target = options[options.length - 1]; // the lowest
    await page.selectOption('#quality', target);
    await page.waitForFunction((t) => document.querySelector('#player video').dataset.level === t, target, { timeout: MIN });
    const t0 = await page.evaluate(() => document.querySelector('#player video').currentTime);
    await page.waitForFunction((t) => document.querySelector('#player video').currentTime > t + 0.3, t0);
    found.qualities = options.length;
    found.switchedTo = await page.evaluate(() => document.querySelector('#player video').dataset.height);
    await shot(page, '05-watch-quality');

    step('keyboard');
    await page.evaluate(() => { document.activeElement?.blur(); const v = document.querySelector('#player video'); v.currentTime = 0; return v.play(); });
    await page.keyboard.press('k');
    await page.waitForFunction(() => document.querySelector('#player video').paused);
    await page.keyboard.press('5');
    await page.waitForFunction(() => { const v = document.querySelector('#player video'); return Math.abs(v.currentTime - v.duration / 2) < 0.5; });
    await page.keyboard.press('k');
    await page.waitForFunction(() => { const v = document.querySelector('#player video'); return !v.paused && v.currentTime > v.duration / 2 + 0.2; });
    found.keyboard = true;

    step('subtitles');
    const vtt = `${shots}/../ui-captions.vtt`;
    fs.writeFileSync(vtt, 'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nHello from the page\n');
    await page.fill('#caption-lang', 'en');
    await page.setInputFiles('#caption-file', vtt);
    await page.click('#caption-add');
    await page.waitForSelector('#captions li[data-lang="en"]');
    found.captions = await page.$$eval('#captions li', (li) => li.map((x) => x.dataset.lang));

    step('search');
    const word = title.split(' ').at(-1);
    await page.goto(base + '/#/');
    await page.fill('#q', word);
    await page.press('#q', 'Enter');
    // the unfiltered list shown before Enter holds the video too: count in the results rendered for the query
    await page.waitForSelector(`#results[data-q="${word}"] article[data-video-id="${found.videoId}"]`);
    found.publicHits = await page.$$eval(`#results[data-q="${word}"] article`, (a) => a.length);
    await shot(page, '06-browse-search');
    // the uploader's name leads to their videos
    await page.click(`#results[data-q="${word}"] article[data-video-id="${found.videoId}"] a.by`);
    await page.waitForFunction((u) => document.querySelector('h1').textContent === `Videos by ${u}`, user);
    found.ownerPage = await page.$$eval('#results article', (a) => a.map((x) => x.dataset.videoId));
    await page.goto(base + `/#/library?q=${word}`);
    await page.waitForSelector(`article[data-video-id="${found.videoId}"]`);
    await shot(page, '07-library');

    step('make private and share');
    await page.goto(base + `/#/watch/${found.videoId}`);
    await page.click('#edit');
    await page.selectOption('select[id$="-v"]', 'PRIVATE');
    await page.click('form.edit button[type=submit]');
    await page.waitForSelector('#info .badge.PRIVATE');
    await page.click('#share');
    const link = await page.inputValue('#share-link');
    found.shareLink = link;
    await shot(page, '08-watch-private-shared');

    const anon = await browser.newContext({ viewport: { width: 390, height: 844 } }); // phone width, no token
    const shared = await open(anon);
    await shared.goto(link);
    await shared.waitForFunction(() => document.querySelectorAll('#quality option').length > 1);
    const sharedPlaying = shared.evaluate(() => new Promise((res) => document.querySelector('#player video').addEventListener('playing', () => res(true), { once: true })));
    await shared.evaluate(() => { const v = document.querySelector('#player video'); v.muted = true; return v.play(); });
    found.sharePlaying = await sharedPlaying;
    await shared.waitForFunction(() => document.querySelector('#player video').currentTime > 0.3);
    await shot(shared, '09-share-phone');
    await shared.goto(base + `/#/watch/${found.videoId}`);
    await shared.waitForSelector('#view .error');
    found.privateWithoutLink = await shared.textContent('#view .error');
    await anon.close();

    step('admin: stop and restart an encode');
    await page.goto(base + '/#/upload');
    await page.selectOption('#up-visibility', 'PRIVATE');
    await page.fill('#up-title', 'Long ' + title);
    await page.setInputFiles('#file', longVideo);
    await page.waitForSelector('.upload[data-video-id]:not([data-video-id="' + found.videoId + '"])', { timeout: 2 * MIN });
    found.longVideoId = await page.getAttribute('.upload[data-video-id]:not([data-video-id="' + found.videoId + '"])', 'data-video-id');

    const adminCtx = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const admin = await open(adminCtx);
    await admin.goto(base + '/admin/');
    await admin.fill('#username', 'admin');
    await admin.fill('#password', adminPassword);
    await admin.click('#signin');
    await admin.waitForSelector('#stat-queue');
    const row = `#jobs tr:has(a[href$="${found.longVideoId}"])`;
    await admin.waitForSelector(row, { timeout: 2 * MIN });
    await admin.click(`${row} .open-job`);
    await admin.waitForSelector('#job [data-step="encode"] .parts span', { timeout: 2 * MIN });
    found.firstJob = await admin.getAttribute('#job .card', 'data-job-id');
    found.partitions = await admin.$$eval('#job [data-step="encode"] .parts span', (s) => s.length);
    await shot(admin, '10-admin-running');
    await admin.click('#job-stop');
    await admin.waitForSelector('#job .card[data-status="STOPPED"]', { timeout: 2 * MIN });
    await shot(admin, '11-admin-stopped');
    await admin.click('#job-restart');
    await admin.waitForFunction((first) => { const c = document.querySelector('#job .card'); return c && c.dataset.jobId !== first; }, found.firstJob);
    found.restartedJob = await admin.getAttribute('#job .card', 'data-job-id');
    await admin.waitForSelector('#job .card[data-status="COMPLETED"]', { timeout: 5 * MIN });
    found.restartedPartitions = await admin.$$eval('#job [data-step="encode"] .parts span.COMPLETED', (s) => s.length);
    await admin.waitForFunction(() => /Pieces encoded/.test(document.querySelector('#metrics').textContent));
    found.metrics = await admin.$$eval('#metrics .stat', (s) => s.map((x) => x.textContent));
    await shot(admin, '12-admin-completed');

    found.pageErrors = errors;
    console.log(JSON.stringify(found));
  } catch (e) {
    found.pageErrors = errors;
    console.error('ui scenario failed at "' + found.steps.at(-1) + '": ' + (e && e.stack || e));
    for (const ctx of browser.contexts()) for (const p of ctx.pages()) await shot(p, 'failure-' + Math.random().toString(36).slice(2, 6)).catch(() => {});
    console.log(JSON.stringify(found));
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
})();
