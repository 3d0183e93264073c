// The player's subtitles menu in the Debian chromium driven by playwright-core: the embed player of a video with
// automatic captions lists the track by its playlist NAME ("en (automatic)"), and choosing it loads the cues.
// Prints one JSON line of findings.
// usage: node captions-scenario.cjs <kinora base> <video id> <screenshots dir>
const { launch } = require('./browser.cjs');
const fs = require('fs');

const [kinora, id, shots] = process.argv.slice(2);
const found = { pageErrors: [] };

(async () => {
  fs.mkdirSync(shots, { recursive: true });
  const browser = await launch('--autoplay-policy=no-user-gesture-required');
  try {
    const page = await (await browser.newContext({ viewport: { width: 900, height: 700 } })).newPage();
    page.setDefaultTimeout(60_000);
    page.on('pageerror', (e) => found.pageErrors.push(String(e)));
    await page.goto(`${kinora}/embed/${id}?muted=1`);
    await page.waitForFunction(() => document.querySelectorAll('#subtitles option').length > 1);
    found.menuVisible = await page.isVisible('#subtitles');
    found.options = await page.$$eval('#subtitles option', (os) => os.map((o) => o.textContent));
    const automatic = await page.$$eval('#subtitles option', (os) => os.find((o) => /automatic/.test(o.textContent))?.value);
    await page.selectOption('#subtitles', automatic);
    await page.evaluate(() => window.kinoraPlayer.video.play());
    // hls.js loads the chosen track and hands its cues to the video's text track
    await page.waitForFunction(() => [...window.kinoraPlayer.video.textTracks]
      .some((t) => t.mode === 'showing' && t.cues && t.cues.length > 0));
    found.track = await page.evaluate(() => {
      const t = [...window.kinoraPlayer.video.textTracks].find((x) => x.mode === 'showing');
      return { label: t.label, language: t.language, cues: t.cues.length, first: t.cues[0].text,
        dataset: window.kinoraPlayer.video.dataset.captions || null };
    });
    await page.screenshot({ path: `${shots}/captions-menu.png` });
  } catch (e) {
    found.error = String(e);
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(found));
})();
