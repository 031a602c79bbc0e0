/**
 * Every verdict reachable from official feeds, through the real path: local HTTPS server answering
 * for the real status hosts → extension service worker → IndexedDB → badge and popup.
 * The default demo world (demo/server.ts) puts each service in one state.
 */
import { badgeOf, expect, openPopup, shot, test, verdictOf, visit } from './fixtures';

test.describe('verdicts through badge and popup', () => {
  test('ok: Zoom all operational, quiet week of complaints → empty badge, calm popup', async ({ env }) => {
    const { tabId } = await visit(env, 'https://zoom.us/');
    await expect.poll(async () => (await badgeOf(env, tabId)).title).toMatch(/^Zoom — ok: /);
    expect((await badgeOf(env, tabId)).text).toBe('');

    const popup = await openPopup(env, `tab=${tabId}`);
    expect(await verdictOf(popup)).toBe('ok');
    await expect(popup.getByTestId('headline')).toHaveText('Zoom reports no problems');
    await shot(popup, 'popup-ok-zoom');
  });

  test('acknowledged: GitHub open incident → "!" badge and the update text in the popup', async ({ env }) => {
    const { tabId } = await visit(env, 'https://gist.github.com/');
    await expect.poll(async () => (await badgeOf(env, tabId)).text).toBe('!');
    const badge = await badgeOf(env, tabId);
    expect(badge.title).toMatch(/^GitHub — acknowledged: .+, updated \d+ min ago$/);
    expect(badge.color.slice(0, 3)).toEqual([0xc6, 0x28, 0x28]); // major: red

    const popup = await openPopup(env, `tab=${tabId}`);
    expect(await verdictOf(popup)).toBe('acknowledged');
    await expect(popup.getByTestId('headline')).toHaveText('GitHub has acknowledged a problem');
    // The newest update of the real 2020-04-02 GitHub incident, verbatim.
    await expect(popup.getByTestId('latest-update-text')).toContainText('We are investigating reports of');
    await expect(popup.locator('.update-meta time').first()).toHaveText(/\d+ min ago/);
    await shot(popup, 'popup-acknowledged-github');

    const dark = await openPopup(env, 'service=github', { colorScheme: 'dark' });
    expect(await verdictOf(dark)).toBe('acknowledged');
    await shot(dark, 'popup-acknowledged-github-dark');
  });

  test('maintenance: Reddit maintenance in progress → "M"', async ({ env }) => {
    const { tabId } = await visit(env, 'https://www.reddit.com/');
    await expect.poll(async () => (await badgeOf(env, tabId)).text).toBe('M');
    expect((await badgeOf(env, tabId)).title).toMatch(/^Reddit — maintenance: Scheduled maintenance in progress/);

    const popup = await openPopup(env, 'service=reddit');
    expect(await verdictOf(popup)).toBe('maintenance');
    await expect(popup.getByTestId('eta')).toContainText('Maintenance scheduled to end');
    await shot(popup, 'popup-maintenance-reddit');
  });

  test('resolved: Cloudflare incident resolved 20 min ago → "✓"', async ({ env }) => {
    const { tabId } = await visit(env, 'https://dash.cloudflare.com/');
    await expect.poll(async () => (await badgeOf(env, tabId)).text).toBe('✓');
    expect((await badgeOf(env, tabId)).title).toMatch(/^Cloudflare — resolved: /);

    const popup = await openPopup(env, 'service=cloudflare');
    expect(await verdictOf(popup)).toBe('resolved');
    await expect(popup.getByTestId('latest-update')).toContainText('Resolved');
    await expect(popup.getByTestId('latest-update')).toContainText(/[^\d]2\d min ago/); // resolved 20 min before the scenario was set
    await shot(popup, 'popup-resolved-cloudflare');
  });

  test('feed answers 503 → unknown with the reason, never ok', async ({ env }) => {
    const { tabId } = await visit(env, 'https://www.npmjs.com/');
    await expect.poll(async () => (await badgeOf(env, tabId)).title).toContain('HTTP 503');
    expect((await badgeOf(env, tabId)).text).toBe('…');

    const popup = await openPopup(env, 'service=npm');
    expect(await verdictOf(popup)).toBe('unknown');
    await expect(popup.locator('.reason')).toContainText('HTTP 503');
    await shot(popup, 'popup-unknown-503-npm');
  });

  test('feed answers HTML → unknown "it may have moved"', async ({ env }) => {
    const popup = await openPopup(env, 'service=dropbox');
    expect(await verdictOf(popup)).toBe('unknown');
    await expect(popup.locator('.reason')).toContainText('the status page answered with HTML — it may have moved'.slice(1));
    await shot(popup, 'popup-unknown-html-dropbox');
  });

  test('incident.io page (OpenAI) with an identified incident → acknowledged', async ({ env }) => {
    const popup = await openPopup(env, 'service=openai');
    expect(await verdictOf(popup)).toBe('acknowledged');
    await expect(popup.getByTestId('latest-update')).toContainText('Identified');
    await shot(popup, 'popup-acknowledged-openai');
  });

  test('hostile update text is shown as text: no element created, no script run', async ({ env }) => {
    await env.server.setScenario('vercel', 'sp-hostile');
    const popup = await openPopup(env, 'service=vercel');
    await popup.getByRole('button', { name: 'Refresh' }).click();
    await expect(popup.locator('main[data-verdict]')).toHaveAttribute('data-verdict', 'acknowledged');
    await expect(popup.getByTestId('latest-update-text')).toHaveText('Investigating');
    await expect(popup.locator('.incident-title')).toHaveText('Hostile title');
    expect(await popup.locator('main img, main script, main b').count()).toBe(0);
    expect(await popup.evaluate(() => [(window as unknown as { x?: unknown }).x, (window as unknown as { y?: unknown }).y])).toEqual([
      undefined,
      undefined,
    ]);
    await shot(popup, 'popup-hostile-text');
  });

  test('a site no catalogued service owns: no service badge, but a count of watched services in trouble', async ({ env }) => {
    const { tabId } = await visit(env, 'https://notgithub.com/');
    // Watched by default: GitHub (acknowledged), OpenAI (acknowledged), Cloudflare (resolved), Discord
    // (unacknowledged in the demo world once its complaints are read).
    await expect
      .poll(async () => (await badgeOf(env, tabId)).title)
      .toMatch(/^\d watched services in trouble: GitHub \(acknowledged\), OpenAI \(ChatGPT\) \(acknowledged\)/);
    const b = await badgeOf(env, tabId);
    expect(b.text).toBe(b.title.slice(0, 1));
    expect(b.title).not.toContain('Cloudflare');
    const popup = await openPopup(env, `tab=${tabId}`);
    await expect(popup.locator('main[data-site-unknown]')).toBeVisible();
    await expect(popup.locator('[data-watched="github"]')).toHaveAttribute('data-watched-verdict', 'acknowledged');
    await shot(popup, 'popup-no-service');
  });
});
