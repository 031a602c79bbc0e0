/**
 * Reading and writing the catalog's category files (core/catalog/services/<category>.json) in
 * their hand-written layout: one key per line, arrays and `official` on one line. Scripts that
 * rewrite the files keep that layout so a diff shows only the entries that changed, and parallel
 * edits to different entries merge.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

export const SERVICES_DIR = new URL('../../core/catalog/services/', import.meta.url);

/** Field order inside an entry (README: core/catalog/README.md). Unknown keys go last, in their own order. */
export const FIELD_ORDER = [
  'id',
  'name',
  'category',
  'domains',
  'apiHosts',
  'statusPage',
  'official',
  'parts',
  'upstream',
  'searchTerms',
  'note',
  'source',
  'verified',
] as const;

export type Entry = Record<string, unknown> & { id: string; category: string };

export interface CategoryFile {
  file: string;
  comment: string;
  services: Entry[];
}

export function readCategoryFiles(): CategoryFile[] {
  return readdirSync(SERVICES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const data = JSON.parse(readFileSync(new URL(file, SERVICES_DIR), 'utf8')) as { $comment: string; services: Entry[] };
      return { file, comment: data.$comment, services: data.services };
    });
}

/** A value on one line, with a space after `,` and `:` (the files' style). */
function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(value);
}

/** A field's value: one line, except a list of objects (parts, upstream), which puts each object on a line of its own. */
function fieldValue(value: unknown): string {
  const objects = Array.isArray(value) && value.length > 0 && value.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v));
  if (!objects) return inline(value);
  return `[\n${(value as unknown[]).map((v) => `        ${inline(v)}`).join(',\n')}\n      ]`;
}

export function formatEntry(e: Entry): string {
  const keys = [...FIELD_ORDER.filter((k) => k in e), ...Object.keys(e).filter((k) => !(FIELD_ORDER as readonly string[]).includes(k))];
  return `    {\n${keys.map((k) => `      ${JSON.stringify(k)}: ${fieldValue(e[k])}`).join(',\n')}\n    }`;
}

export function formatFile(comment: string, services: Entry[]): string {
  return `{\n  "$comment": ${JSON.stringify(comment)},\n  "services": [\n${services.map(formatEntry).join(',\n')}\n  ]\n}\n`;
}

export function writeCategoryFile(file: string, comment: string, services: Entry[]): void {
  writeFileSync(new URL(file, SERVICES_DIR), formatFile(comment, services));
}
