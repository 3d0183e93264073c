// Signs in through the company's SSO in the Debian chromium with playwright-core: the viewer app's and the admin
// console's "Sign in with SSO" links, through the provider and back. Prints one JSON line of findings.
// usage: node sso-scenario.cjs <base url> <screenshots dir>
const { launch, report } = require('./browser.cjs');

const [base, shots] = process.argv.slice(2);
const found = {};

(async () => {
  const browser = await launch();
  const errors = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.setDefaultTimeout(30_000);

    await page.goto(base + '/#/signin');
    await page.waitForSelector('#sso-signin');
    await page.screenshot({ path: `${shots}/13-signin-sso.png`, fullPage: true });
    await page.click('#sso-signin');
    await page.waitForSelector('#signed-in-as');
    found.appUser = await page.textContent('#signed-in-as');
    found.appUrl = page.url();
    await page.screenshot({ path: `${shots}/14-signed-in-sso.png`, fullPage: true });

    // the admin console, in a fresh context (no token yet)
    const admin = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
    admin.on('pageerror', (e) => errors.push(String(e)));
    admin.setDefaultTimeout(30_000);
    await admin.goto(base + '/admin/');
    await admin.click('#sso-signin');
    await admin.waitForSelector('#jobs');
    found.adminUser = await admin.textContent('#signed-in-as');
    found.adminUrl = admin.url();
    await admin.screenshot({ path: `${shots}/15-admin-sso.png`, fullPage: true });
  } catch (e) {
    found.failure = String(e && e.stack || e);
  }
  await report(found, errors, browser);
})();
