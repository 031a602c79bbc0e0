import { render } from 'preact';
import { Welcome, allowStatus, welcomeTitle } from '@/components/Welcome';
import { pageLang } from '@/core/i18n';
import '@/components/welcome.css';

// Thin wiring: check the host permissions the manifest asks for, offer to request them.
const root = document.getElementById('app')!;
document.documentElement.lang = pageLang();
document.title = welcomeTitle();
const origins = (browser.runtime.getManifest().host_permissions ?? []) as string[];
let granted: boolean | null = null;
let message: string | null = null;

function paint() {
  render(
    <Welcome granted={granted} message={message} onAllow={() => void allow()} onOptions={() => void browser.runtime.openOptionsPage()} />,
    root,
  );
}

async function check() {
  granted = await browser.permissions.contains({ origins }).catch(() => false);
  paint();
}

async function allow() {
  // Must run in the click handler (a user gesture).
  const ok = await browser.permissions.request({ origins }).catch(() => false);
  message = allowStatus(ok);
  await check();
}

paint();
void check();
