/**
 * First run: what Acknowledged does, what leaves the device, and — where the browser did not grant
 * them at install (Firefox MV3) — a button to allow reading the status feeds. Without that
 * permission the extension says so (verdict `unknown`, "needs permission"), never fails silently.
 */
export interface WelcomeProps {
  granted: boolean | null;
  onAllow(): void;
  onOptions(): void;
  message: string | null;
}

export function Welcome({ granted, onAllow, onOptions, message }: WelcomeProps) {
  return (
    <main class="welcome" data-granted={granted === null ? 'checking' : String(granted)}>
      <h1>Acknowledged</h1>
      <p class="lede">
        Is it down, and does the provider know? For the site you are on and the services you watch, Acknowledged reads the
        provider's official status page, public complaint counts and this browser's own failed loads, and gives one honest
        answer: <strong>ok</strong>, <strong>acknowledged</strong>, <strong>unacknowledged</strong>, <strong>maintenance</strong>,{' '}
        <strong>resolved</strong> or <strong>unknown</strong>.
      </p>
      <section aria-labelledby="perm-h">
        <h2 id="perm-h">Permission to read status pages</h2>
        {granted === null ? <p>Checking…</p> : null}
        {granted === true ? (
          <p data-testid="perm-ok">✓ Acknowledged can read the official status feeds it knows. Nothing more is needed.</p>
        ) : null}
        {granted === false ? (
          <>
            <p data-testid="perm-missing">
              Your browser has not yet allowed Acknowledged to read the status pages it knows (Firefox asks for this
              separately). Until you allow it, services show <strong>unknown</strong> with the reason — never “ok”.
            </p>
            <button type="button" class="primary" onClick={onAllow}>
              Allow reading status pages
            </button>
          </>
        ) : null}
        {message ? (
          <p role="status" class="status">
            {message}
          </p>
        ) : null}
      </section>
      <section aria-labelledby="privacy-h">
        <h2 id="privacy-h">What leaves this device</h2>
        <ul>
          <li>Requests to official status feeds, and — if enabled — to Hacker News and Mastodon searches with a service's name.</li>
          <li>Never a URL or hostname you visited. Sites are matched against the catalog on this device.</li>
          <li>Optional credentials (Bluesky, IsDown) stay in this browser's local storage; never synced or exported.</li>
        </ul>
      </section>
      <p>
        <button type="button" onClick={onOptions}>
          Choose services to watch…
        </button>
      </p>
    </main>
  );
}
