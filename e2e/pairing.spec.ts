import { connect, type PeerCertificate } from 'node:tls';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { EmsSite } from './support/ems-site';
import { EmsUi } from './support/ems-ui';

/**
 * A browser pairs once, as a technician does it: the page opens read-only (live view, trends
 * and faults; the controls and tools ask for pairing), Settings takes the code the host
 * printed on stderr, and after that the operator UI works. Over loopback HTTP, and over
 * HTTPS with the self-signed certificate the host makes when it listens beyond loopback,
 * whose served fingerprint must be the one it printed and the one Settings shows.
 */

/** The fingerprint of the certificate the server at `url` presents (`AA:BB:...`). */
function servedFingerprint(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    // Self-signed on purpose: checking the fingerprint is what stands in for a CA here.
    const socket = connect({ host: hostname, port: Number(port), rejectUnauthorized: false });
    socket.once('secureConnect', () => {
      const cert: PeerCertificate = socket.getPeerCertificate();
      socket.end();
      resolve(cert.fingerprint256);
    });
    socket.once('error', reject);
  });
}

/** The session cookie the browser holds for the page's host. */
async function sessionCookie(page: Page) {
  const cookies = await page.context().cookies();
  return cookies.find((c) => c.name === 'ems_session');
}

/** Opens the page unpaired and checks what a stranger on the network sees. */
async function expectReadOnly(ui: EmsUi): Promise<void> {
  await expect(ui.page.locator('body')).toHaveAttribute('data-access', 'read-only');
  await expect(ui.id('pairing-banner')).toBeVisible();
  // The live view shows the site; the controls are a prompt instead.
  await ui.expectState('STOP');
  await expect(ui.id('live-grid-w')).toBeVisible();
  await expect(ui.id('pair-prompt')).toBeVisible();
  await expect(ui.id('btn-start')).toHaveCount(0);
  // Trends and faults stay readable; the tools ask for pairing.
  await ui.show('trends');
  await expect(ui.page.getByRole('main')).toBeVisible();
  await expect(ui.id('pair-prompt')).toHaveCount(0);
  await ui.show('faults');
  await expect(ui.id('active-faults')).toBeVisible();
  for (const tool of ['console', 'discovery', 'sessions', 'can'] as const) {
    await ui.show(tool);
    await expect(ui.id('pair-prompt'), tool).toBeVisible();
  }
}

/** Pairs through Settings with `code`, and checks the UI works after the reload. */
async function pairAndOperate(ui: EmsUi, site: EmsSite): Promise<void> {
  await ui.id('btn-go-pair').click();
  await expect(ui.id('pairing-section')).toBeVisible();
  await expect(ui.id('pairing-state')).toHaveText(/not paired/);

  // A wrong code is refused with the host's reason; the page stays read-only.
  await ui.id('pairing-code').fill('AAAAA-AAAAA');
  await ui.id('btn-pair').click();
  await expect(ui.id('pairing-error')).toContainText(/code/i);
  expect(await sessionCookie(ui.page)).toBeUndefined();

  await ui.id('pairing-code').fill(site.pairingCode.toLowerCase()); // case is forgiven
  await ui.id('btn-pair').click();
  await expect(ui.page.locator('body')).toHaveAttribute('data-access', 'authorised', {
    timeout: 20_000,
  });
  await expect(ui.page.locator('[data-app-state="ready"]')).toBeAttached({ timeout: 20_000 });
  await expect(ui.id('pairing-banner')).toHaveCount(0);

  const cookie = await sessionCookie(ui.page);
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  expect(cookie?.secure).toBe(site.url.startsWith('https:'));
  expect(cookie?.expires ?? -1, 'the session cookie expires').toBeGreaterThan(0);

  // The operator UI works: the tools answer, the controls drive the real EMS.
  await ui.show('console');
  await expect(ui.id('pair-prompt')).toHaveCount(0);
  await ui.show('live');
  await ui.startSelfConsumption();
  await ui.expectMode('SELF_CONSUMPTION', 20_000);
  await ui.id('btn-stop').click();
  await ui.expectState('STOP', 20_000);
}

test.describe('over loopback HTTP', () => {
  test('an unpaired page is read-only; the printed code pairs it, the UI works, and it makes the code for another browser', async ({
    page,
    site,
    consoleWatch,
    browser,
  }, testInfo) => {
    test.slow(); // a host, a simulator and a browser, and a page reload, on a shared machine
    expect(site.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(site.tlsFingerprint).toBeNull();
    const ui = new EmsUi(page);
    await ui.open(site.url);
    await expect(ui.id('pair-prompt')).toBeVisible();
    await ui.capture(testInfo, 'unpaired-live'); // the read-only page still fits the window
    await expectReadOnly(ui);
    await ui.show('settings');
    await expect(ui.id('tls-fingerprint')).toHaveText(/plain HTTP/);
    await ui.capture(testInfo, 'unpaired-settings');
    await ui.show('live');
    await pairAndOperate(ui, site);
    // The only problem the page logged is the refused wrong code.
    expect(consoleWatch.problems.filter((p) => !/status of 401/.test(p))).toEqual([]);

    // A paired page makes the code for another browser (as the desktop window does); the
    // printed code was single-use and pairs nothing more.
    await ui.show('settings');
    await ui.id('btn-new-pairing-code').click();
    const fresh = (await ui.id('new-pairing-code').innerText()).trim();
    expect(fresh).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    const phone = await browser.newContext();
    try {
      const other = new EmsUi(await phone.newPage());
      await other.open(site.url);
      await other.show('settings');
      await other.id('pairing-code').fill(site.pairingCode);
      await other.id('btn-pair').click();
      await expect(other.id('pairing-error')).toContainText(/wrong or expired/);
      await other.id('pairing-code').fill(fresh);
      await other.id('btn-pair').click();
      await expect(other.page.locator('body')).toHaveAttribute('data-access', 'authorised', {
        timeout: 20_000,
      });
    } finally {
      await phone.close();
    }
  });
});

test.describe('over HTTPS beyond loopback (--listen 0.0.0.0)', () => {
  test.use({
    siteOptions: { simArgs: [], layout: 'one-process', hostArgs: ['--listen', '0.0.0.0'] },
    // The certificate is self-signed: the browser is told to go on, as a technician would
    // after comparing the fingerprint, which this test does below.
    ignoreHTTPSErrors: true,
  });

  test('serves the printed certificate, shows its fingerprint, and pairs over wss', async ({
    page,
    site,
    consoleWatch,
  }) => {
    test.slow();
    expect(site.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    expect(site.tlsFingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(await servedFingerprint(site.url)).toBe(site.tlsFingerprint);

    const ui = new EmsUi(page);
    await ui.open(site.url);
    await expectReadOnly(ui);
    await ui.show('settings');
    await expect(ui.id('tls-fingerprint')).toHaveText(site.tlsFingerprint ?? '');
    await ui.show('live');
    await pairAndOperate(ui, site);
    expect(consoleWatch.problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
  });
});
