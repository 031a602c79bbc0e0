/**
 * `npm run catalog:check [-- --only id,id] [-- --concurrency N]`: probe every catalog entry on the
 * real internet and print what moved, died or changed platform, with a suggested fix
 * (core/catalog/check.ts says what is checked). Exit code 1 when anything needs attention.
 * Needs internet access; it sends each entry's status host the same requests the extension would,
 * and resolves every site domain.
 */
import { lookup } from 'node:dns/promises';
import { readCatalogFiles } from '../core/catalog/raw';
import { checkCatalog, formatReport, type CheckEntry } from '../core/catalog/check';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const k = args.indexOf(name);
  return k >= 0 ? args[k + 1] : undefined;
};
const only = arg('--only')
  ?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const concurrency = Number(arg('--concurrency') ?? 8);

const resolves = (host: string): Promise<boolean> =>
  lookup(host).then(
    () => true,
    () => false,
  );
// Offline, every entry would read as "died": say so instead of printing a wrong report.
if (!(await resolves('www.iana.org'))) {
  console.error('catalog:check needs internet access (www.iana.org does not resolve here); nothing was checked.');
  process.exit(2);
}

const entries = (readCatalogFiles() as unknown as { services: CheckEntry[] }).services.filter((s) => !only || only.includes(s.id));
const started = Date.now();
const reports = await checkCatalog(
  entries,
  {
    fetch: globalThis.fetch,
    now: () => Date.now(),
    resolves,
  },
  Number.isInteger(concurrency) && concurrency > 0 ? concurrency : 8,
);
console.log(formatReport(reports));
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exitCode = reports.some((r) => r.finding !== 'ok' || r.deadDomains.length > 0) ? 1 : 0;
