// The headless Chromium every page scenario drives (playwright-core, the system's chromium), and how a scenario
// ends: one JSON line with what it found on stdout, exit status 1 when it failed.
const { chromium } = require('playwright-core');

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync'];

/** extra: more Chromium switches, e.g. '--autoplay-policy=no-user-gesture-required' for a player that must start alone. */
exports.launch = (...extra) => chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: [...ARGS, ...extra] });

exports.report = async (found, pageErrors, browser) => {
  found.pageErrors = pageErrors;
  await browser.close();
  console.log(JSON.stringify(found));
  process.exit(found.failure ? 1 : 0);
};
