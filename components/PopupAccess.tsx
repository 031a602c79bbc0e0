/**
 * "Allow reading status.example.com": the service's official feed needs a host permission this
 * browser has not given — a catalog feed newer than the last release (asked at use, so catalog
 * growth never costs an installed extension a prompt: core/net/access.ts `splitHostPermissions`),
 * or any host-mode feed in Firefox, which grants no host at install. Only this click asks, for
 * exactly that one origin; until then the verdict stays `unknown` with that reason.
 */
import { t } from '@/core/i18n';

/** The feed origin still to allow (null when nothing is missing), and whether the person just said no. */
export type FeedAccessState = { host: string; denied?: boolean } | null;

export function FeedAccess({ name, access, onAllow }: { name: string; access: FeedAccessState; onAllow?: () => void }) {
  if (!access || !onAllow) return null;
  return (
    <section class="card feed-access" data-testid="feed-access">
      <p class="muted">{access.denied ? t('popupFeedAccessDenied', name) : t('popupFeedAccessWhy', [name, access.host])}</p>
      <button type="button" class="btn" data-action="allow-feed" onClick={onAllow}>
        {t('popupFeedAccessButton', access.host)}
      </button>
    </section>
  );
}
