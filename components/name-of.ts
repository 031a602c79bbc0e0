import type { Service } from '@/core/catalog/catalog';
import type { Settings } from '@/core/settings';

/** The display name of a watched id: catalog name, custom page name, or the bare id. */
export function nameOf(id: string, catalog: readonly Service[], settings: Settings): string {
  return catalog.find((s) => s.id === id)?.name ?? settings.custom.find((c) => c.id === id)?.name ?? id;
}
