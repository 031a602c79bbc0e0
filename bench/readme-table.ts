/**
 * `npx tsx bench/readme-table.ts`: put the last run's table (bench-output/last-run.md, written by
 * `npm run bench`) into README.md between `<!-- bench:start -->` and `<!-- bench:end -->`, so the
 * README shows exactly what the last run printed, with the machine it ran on.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const table = readFileSync('bench-output/last-run.md', 'utf8').trim();
const readme = readFileSync('README.md', 'utf8');
const start = '<!-- bench:start -->';
const end = '<!-- bench:end -->';
const a = readme.indexOf(start);
const b = readme.indexOf(end);
if (a < 0 || b < a) throw new Error('README.md has no bench:start / bench:end markers');
writeFileSync('README.md', `${readme.slice(0, a + start.length)}\n\n${table}\n\n${readme.slice(b)}`);
console.log('README.md: bench table replaced');
