/** Every official feed format Acknowledged can read. The catalog schema and the adapter registry share this list. */
export const OFFICIAL_KINDS = ['statuspage', 'incidentio'] as const;
export type OfficialKind = (typeof OFFICIAL_KINDS)[number];
