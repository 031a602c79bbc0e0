/**
 * How issue 17 looks, in both browsers and both colour schemes (browsers-parts-look.spec.ts light,
 * browsers-parts-look-dark.spec.ts dark): the popup's part states ("Elsewhere at GitHub", a console
 * region, "fix applied, monitoring", "Tell me when it's back", the "Watch this site's requests"
 * offer) and the options page's parts, minimum severity and snooze controls. Each state is checked
 * (words, layout, axe-core) and photographed: test-results/screenshots/<browser>/parts-*.png.
 *
 * The world is set at launch (`ackWorld`), so this file gets its own browser and never changes the
 * world other spec files see.
 */
import { expect, openAllDetails, shotName, test, tid, verdictOf, type Driver, type View } from './both';
import { refresh, visitView } from './parts-common';

const FF = { tag: '@firefox' };

/** Runs in the popup: where the "Watch this site's requests" button and its reason sit. */
function offerLayout() {
  const offer = document.querySelector('[data-testid="request-offer"]');
  const button = offer?.querySelector('button');
  const reason = offer?.querySelector('.muted');
  if (!button || !reason) return null;
  const b = button.getBoundingClientRect();
  const r = reason.getBoundingClientRect();
  const style = getComputedStyle(button);
  const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.25;
  const pad = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom) + parseFloat(style.borderTopWidth) * 2;
  return {
    buttonLines: Math.round((b.height - pad) / line),
    reasonBelowButton: r.top >= b.bottom - 1,
    reasonLeft: Math.round(r.left - b.left),
  };
}

async function shot(drv: Driver, view: View, name: string) {
  await openAllDetails(view);
  await view.screenshot(shotName(drv, `parts-${name}`));
}

export function partsLook() {
  test.use({
    ackWorld: { github: 'sp-copilot-incident', 'aws-console': 'aws-event-ap-south-1', figma: 'sp-incident', jira: 'sp-ok' },
  });

  test(
    'popup: a pull-request tab with a Copilot incident "Elsewhere at GitHub"; the requests offer on its own lines',
    FF,
    async ({ drv }) => {
      const pulls = await visitView(drv, 'https://github.com/octo/repo/pulls', { service: 'github', part: 'pulls', region: null });
      const popup = await drv.openPopup(`tab=${pulls}`);
      expect(['ok', 'resolved']).toContain(await verdictOf(popup));
      expect(await popup.text(tid('elsewhere'))).toContain('Elsewhere at GitHub');
      // The button is one line and its reason a block under it, never wrapped around it mid-sentence.
      await expect.poll(() => popup.evaluate(offerLayout)).toEqual({ buttonLines: 1, reasonBelowButton: true, reasonLeft: 0 });
      expect(await popup.axe()).toEqual([]);
      await shot(drv, popup, 'elsewhere-github');
      await popup.close();
    },
  );

  test('popup: an eu-west-1 console tab during an ap-south-1 event (region narrowing)', FF, async ({ drv }) => {
    const eu = await visitView(drv, 'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1', {
      service: 'aws-console',
      part: 'ec2',
      region: 'eu-west-1',
    });
    const popup = await drv.openPopup(`tab=${eu}`);
    expect(await verdictOf(popup)).toBe('ok');
    expect(await popup.text(tid('part'))).toBe('For the part and region you are on: EC2, eu-west-1.');
    expect(await popup.count(tid('elsewhere-incident'))).toBeGreaterThan(0);
    expect(await popup.text(tid('elsewhere'))).toContain('Not the part or region you are on');
    expect(await popup.axe()).toEqual([]);
    await shot(drv, popup, 'region-aws');
    await popup.close();
  });

  test('popup: the Copilot tab once GitHub says "monitoring" (fix applied)', FF, async ({ drv }) => {
    drv.server.setScenario('github', 'sp-copilot-monitoring');
    await refresh(drv, 'github');
    const copilot = await visitView(drv, 'https://github.com/copilot', { service: 'github', part: 'copilot', region: null });
    await expect.poll(async () => (await drv.badge(copilot)).title).toMatch(/^GitHub — acknowledged: Fix applied, monitoring/);
    const popup = await drv.openPopup(`tab=${copilot}`);
    expect(await verdictOf(popup)).toBe('acknowledged');
    expect(await popup.text(tid('headline'))).toBe('GitHub has applied a fix and is monitoring');
    expect(await popup.axe()).toEqual([]);
    await shot(drv, popup, 'monitoring-github');
    await popup.close();
  });

  test('popup: "Tell me when it\'s back" offered, then watching', FF, async ({ drv }) => {
    const popup = await drv.openPopup('service=figma');
    expect(await verdictOf(popup)).toBe('acknowledged');
    expect(await popup.text(tid('back-watch'))).toBe("Tell me when it's back");
    await shot(drv, popup, 'back-offer-figma');
    await popup.click(tid('back-watch'));
    await expect.poll(() => popup.count(tid('back-watching'))).toBe(1);
    expect(await popup.axe()).toEqual([]);
    await shot(drv, popup, 'back-watching-figma');
    await popup.click(`${tid('back-watching')} button`);
    await expect.poll(() => popup.count(tid('back-watch'))).toBe(1);
    await popup.close();
  });

  test("options: a watched service's parts, the minimum severity and a snooze", FF, async ({ drv }) => {
    const options = await drv.openExtensionPage('options.html', { width: 900, height: 1000 });
    await expect.poll(() => options.count(tid('parts-github'))).toBe(1);
    await options.evaluate(() => document.querySelector<HTMLDetailsElement>('[data-testid="parts-github"]')!.setAttribute('open', ''));
    await options.click('label[for="part-github-pulls"]');
    await expect.poll(() => options.text(`${tid('parts-github')} summary`)).toContain('Pull Requests');
    expect(await options.count('#min-severity')).toBe(1);
    expect(await options.count('select[aria-label^="Snooze"]')).toBeGreaterThan(0);
    expect(await options.axe()).toEqual([]);
    await options.screenshot(shotName(drv, 'parts-options'));
    // A second picture with only these two sections, legible at the page's real size.
    await options.evaluate(() =>
      document.querySelectorAll('section.card').forEach((el) => {
        if (el.id !== 'sec-watched' && el.id !== 'sec-notifications') (el as HTMLElement).style.display = 'none';
      }),
    );
    await options.screenshot(shotName(drv, 'parts-options-controls'));
    // Put the choice back: the next test in this browser starts from the whole service.
    await options.click('label[for="part-github-pulls"]');
    await expect.poll(() => options.text(`${tid('parts-github')} summary`)).not.toContain('Pull Requests');
    await options.close();
  });
}
