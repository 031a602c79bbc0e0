/**
 * "How serious is it?" from the public: complaint volume against normal, a 24-hour sparkline,
 * which sources were consulted and when, and links to look for yourself (links only: those sites
 * are never polled).
 */
import type { Service } from '@/core/catalog/catalog';
import { BUCKET_MS } from '@/core/crowd/buckets';
import type { CrowdRecord } from '@/core/crowd/record';
import { SOURCE_LABELS } from '@/core/crowd/source';
import type { SpikeResult } from '@/core/crowd/spike';
import { ratioWords } from '@/core/evidence';
import { t } from '@/core/i18n';
import { relativeTime } from '@/core/present';
import { rich } from './slots';

const HOURS = 24;

/** Distinct authors per hour over the last 24 h, summed over sources (oldest first). */
export function hourlyAuthors(records: readonly CrowdRecord[], now: number): number[] {
  const start = now - HOURS * 3_600_000;
  const perHour = Array.from({ length: HOURS }, () => new Set<string>());
  for (const r of records) {
    for (const b of r.buckets) {
      if (b.bucket + BUCKET_MS <= start || b.bucket > now) continue;
      const h = Math.min(HOURS - 1, Math.max(0, Math.floor((b.bucket - start) / 3_600_000)));
      for (const a of b.authors) perHour[h]!.add(`${r.source}:${a}`);
    }
  }
  return perHour.map((s) => s.size);
}

function Sparkline({ values }: { values: number[] }) {
  const w = 300;
  const h = 36;
  // A floor on the scale: one or two posts must look small, not like a full-height spike.
  const max = Math.max(8, ...values);
  const step = w / (values.length - 1 || 1);
  const pts = values.map((v, i) => `${(i * step).toFixed(1)},${(h - 2 - (v / max) * (h - 4)).toFixed(1)}`).join(' ');
  const peak = values.indexOf(Math.max(...values));
  const hoursAgo = values.length - 1 - peak;
  const last = values[values.length - 1];
  const label =
    hoursAgo === 0
      ? t('complaintsChartLastHour', [String(values[peak]), String(last)])
      : t('complaintsChart', [String(values[peak]), hoursAgo, String(last)]);
  return (
    <svg class="spark" viewBox={`0 0 ${w} ${h}`} width="100%" height={h} role="img" aria-label={label} data-testid="sparkline">
      <title>{label}</title>
      <polyline points={pts} fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" />
    </svg>
  );
}

/** Searches people can open themselves. Never fetched by the extension. */
export function deepLinks(service: Service): { label: string; href: string }[] {
  const q = encodeURIComponent(`${service.name} down`);
  const slug = service.id.replace(/[^a-z0-9-]/g, '');
  return [
    { label: 'Bluesky', href: `https://bsky.app/search?q=${q}` },
    { label: 'Reddit', href: `https://www.reddit.com/search/?q=${q}&sort=new` },
    { label: 'X', href: `https://x.com/search?q=${q}&f=live` },
    { label: 'Downdetector', href: `https://downdetector.com/status/${slug}/` },
  ];
}

function statusWords(r: CrowdRecord, now: number): string {
  const when = r.lastQueryAt ? t('checkedWhen', relativeTime(r.lastQueryAt, now)) : t('notCheckedYetLower');
  switch (r.status.state) {
    case 'ok':
      return when;
    case 'not_configured':
      return t('complaintsNotConfigured');
    case 'rate_limited':
      return t('complaintsRateLimited', when);
    case 'error':
      return t('complaintsSourceError', when);
  }
}

/** The full story of a source's last query, for a tooltip. */
function statusDetail(r: CrowdRecord): string {
  const main =
    r.status.state === 'error'
      ? r.status.problem.message
      : r.status.state === 'not_configured' || r.status.state === 'rate_limited'
        ? r.status.message
        : t('complaintsSourceOk');
  return [main, ...r.notes].join('\n');
}

export function Complaints({
  service,
  spike,
  records,
  now,
}: {
  service: Service;
  spike: SpikeResult | null;
  records: readonly CrowdRecord[];
  now: number;
}) {
  const hours = hourlyAuthors(records, now);
  const total = hours.reduce((a, b) => a + b, 0);
  const readable = records.filter((r) => r.status.state === 'ok' || r.buckets.length > 0);
  return (
    <section class="card complaints" aria-labelledby="cx-h">
      <h2 id="cx-h">{t('complaintsHeading')}</h2>
      {spike && spike.anomalous ? (
        <p data-testid="complaints">
          {spike.since
            ? rich('complaintsSpikeSince', [
                <strong>{t('complaintsPeople', [spike.count])}</strong>,
                ratioWords(spike.ratio),
                new Date(spike.since).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }),
              ])
            : rich('complaintsSpike', [<strong>{t('complaintsPeople', [spike.count])}</strong>, ratioWords(spike.ratio)])}
        </p>
      ) : readable.length ? (
        <p data-testid="complaints">{spike ? t('complaintsNoneCount', [spike.count]) : t('complaintsNone')}</p>
      ) : records.length ? (
        <p class="muted" data-testid="complaints">
          {t('complaintsUnreadable')}
        </p>
      ) : (
        <p class="muted" data-testid="complaints">
          {t('complaintsNotChecked')}
        </p>
      )}
      {total > 0 ? <Sparkline values={hours} /> : null}
      {records.length ? (
        <ul class="plain sources">
          {records.map((r) => (
            <li key={r.source} title={statusDetail(r)}>
              <span class="src-name">{SOURCE_LABELS[r.source]}</span> <span class="muted">— {statusWords(r, now)}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <p class="deeplinks">
        <span class="muted">{t('complaintsLook')}</span>{' '}
        {deepLinks(service).map((l, i) => (
          <>
            {i > 0 ? ' · ' : ''}
            <a href={l.href} target="_blank" rel="noopener noreferrer">
              {l.label}
            </a>
          </>
        ))}
      </p>
    </section>
  );
}
