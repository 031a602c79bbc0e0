import { render } from 'preact';
import { Welcome } from '@/components/Welcome';
import '@/components/welcome.css';

// Thin wiring: check the host permissions the manifest asks for, offer to request them.
const root = document.getElementById('app')!;
const origins = (browser.runtime.getManifest().host_permissions ?? []) as string[];
let granted: boolean | null = null;
let message: string | null = null;

function paint() {
  render(<Welcome granted={granted} message={message} onAllow={() => void allow()} onOptions={() => void browser.runtime.openOptionsPage()} />, root);
}

async function check() {
  granted = await browser.permissions.contains({ origins }).catch(() => false);
  paint();
}

async function allow() {
  // Must run in the click handler (a user gesture).
  const ok = await browser.permissions.request({ origins }).catch(() => false);
  message = ok ? 'Thank you — status pages can be read now.' : 'Not allowed. You can allow it later from this page or the extension settings.';
  await check();
}

paint();
void check();
