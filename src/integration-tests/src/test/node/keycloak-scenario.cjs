// Enterprise SSO against a real Keycloak in the Debian chromium (playwright-core), as people do it (issue 21):
// the first page offers "Sign in with SSO"; a sign-in at Keycloak's own login form; Kinora's "Sign out" ends the
// Keycloak session too, so the next sign-in asks for the password again; a person whose name a local account
// already holds gets a readable page, not JSON; two more people sign in and hand their Kinora tokens to the Java
// test (back-channel logout, disabling). Prints one JSON line of findings.
// usage: node keycloak-scenario.cjs <kinora base url> <screenshots dir> <device grant's verification URI> <user:password>...
// the first user signs in and out, then approves the device grant; the second one's name is squatted; the others
// just sign in
const { launch, report } = require('./browser.cjs');

const [base, shots, deviceUri, ...people] = process.argv.slice(2);
const found = { tokens: {} };

async function keycloakLogin(page, user, password) {
  await page.waitForSelector('#kc-login');
  found.keycloakLoginPage = page.url().split('?')[0];
  await page.fill('#username', user);
  await page.fill('#password', password);
  await page.click('#kc-login');
}

(async () => {
  const browser = await launch();
  const errors = [];
  const fresh = async () => {
    const page = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    page.setDefaultTimeout(30_000);
    return page;
  };
  try {
    const [first, second, ...others] = people.map((p) => p.split(':'));

    // 1. the first page a visitor sees offers the company sign-in; in and out again
    let page = await fresh();
    await page.goto(base + '/');
    await page.waitForSelector('#sso-header-signin');
    await page.screenshot({ path: `${shots}/20-keycloak-first-page.png`, fullPage: true });
    await page.click('#sso-header-signin');
    await keycloakLogin(page, first[0], first[1]);
    await page.waitForSelector('#signed-in-as');
    found.signedIn = await page.textContent('#signed-in-as');
    await page.screenshot({ path: `${shots}/21-keycloak-signed-in.png`, fullPage: true });
    // through Keycloak's logout (RP-initiated, with the ID token as hint) and back to Kinora's first page, signed out
    const [logout] = await Promise.all([
      page.waitForRequest((r) => r.url().includes('/protocol/openid-connect/logout')),
      page.click('#sign-out'),
    ]);
    found.logoutRequest = logout.url().split('?')[0];
    found.logoutHasHint = logout.url().includes('id_token_hint=');
    await page.waitForURL((u) => u.toString().startsWith(base + '/') && !u.toString().includes('/realms/'));
    await page.waitForSelector('#sso-header-signin');
    found.afterSignOut = page.url();
    await page.click('#sso-header-signin');
    // the provider's session is gone: Keycloak asks for the password again instead of signing the same person in
    await page.waitForSelector('#kc-login');
    found.askedForPasswordAgain = await page.isVisible('#password');
    await page.screenshot({ path: `${shots}/22-keycloak-asks-again.png`, fullPage: true });

    // a script's token (README: device authorization grant): the first person approves it in a browser
    page = await fresh();
    await page.goto(deviceUri);
    // Keycloak may first show the code it took from the address, to be confirmed
    if (await page.isVisible('#device-user-code')) await page.click('#kc-login');
    await keycloakLogin(page, first[0], first[1]);
    // a consent page when Keycloak asks for one, then its "device login successful" page
    await page.waitForLoadState();
    if (await page.isVisible('input[name="accept"], #kc-login')) await page.click('input[name="accept"], #kc-login');
    // a locator waits across the navigations (a predicate on document.body saw a page without a body)
    await page.getByText(/Device Login Successful/i).waitFor({ timeout: 15_000 });
    found.deviceApproved = true;
    await page.screenshot({ path: `${shots}/24-keycloak-device-approved.png`, fullPage: true });

    // 2. someone registered the second person's name locally first: a page that says what to do
    page = await fresh();
    await page.goto(base + '/#/signin');
    await page.click('#sso-signin');
    await keycloakLogin(page, second[0], second[1]);
    await page.waitForSelector('#sso-refusal');
    found.conflictCode = await page.getAttribute('#sso-refusal', 'data-code');
    found.conflictText = await page.textContent('#sso-refusal');
    await page.screenshot({ path: `${shots}/23-keycloak-name-taken.png`, fullPage: true });

    // 3. the others sign in; their tokens go to the test
    for (const [user, password] of others) {
      page = await fresh();
      await page.goto(base + '/');
      await page.click('#sso-header-signin');
      await keycloakLogin(page, user, password);
      await page.waitForSelector('#signed-in-as');
      found.tokens[user] = await page.evaluate(() => sessionStorage.getItem('kinora.token'));
    }
  } catch (e) {
    found.failure = String(e && e.stack || e);
  }
  await report(found, errors, browser);
})();
