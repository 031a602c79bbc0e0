/** Every official feed format Acknowledged can read. The catalog schema and the adapter registry share this list. */
export const OFFICIAL_KINDS = [
  'statuspage', // Atlassian Statuspage API v2 (base URL)
  'incidentio', // incident.io pages: Statuspage-compatible /api/v2 shim (base URL)
  'rss', // RSS 2.0 / Atom history feeds: Statuspage history, Azure, AWS per-service RSS, others (feed URL)
  'gcp', // Google Cloud incidents.json, and the Google Workspace dashboard of the same shape (feed URL)
  'aws-health', // AWS Health public current events JSON, UTF-16 (feed URL)
  'slack', // Slack api/v2.0.0/current (feed URL)
  'apple', // Apple system status JSON/JSONP (feed URL)
  'heroku', // Heroku api/v4/current-status (feed URL)
  'statusio', // status.io public status API (feed URL)
  'instatus', // Instatus summary.json (feed URL)
  'cachet', // Cachet v1 API (base URL of the Cachet install)
  'm365', // Microsoft 365 consumer status posts (feed URL)
  'betterstack', // Better Stack / Better Uptime status page index.json (feed URL)
  'rootly', // Rootly status page public API api/v1/status.json (feed URL)
  'sorry', // Sorry (sorryapp.com) components API (feed URL)
  'uptimekuma', // Uptime Kuma api/status-page/<slug> + heartbeat (feed URL of the first)
  'gatus', // Gatus api/v1/endpoints/statuses (feed URL)
  'hund', // Hund live/v2/status_page event stream, first init_event (stream URL)
] as const;
export type OfficialKind = (typeof OFFICIAL_KINDS)[number];

/** Each format by its proper name, for people (not translated: product names). */
export const KIND_LABELS: Record<OfficialKind, string> = {
  statuspage: 'Atlassian Statuspage',
  incidentio: 'incident.io',
  rss: 'RSS/Atom',
  gcp: 'Google Cloud',
  'aws-health': 'AWS Health',
  slack: 'Slack',
  apple: 'Apple',
  heroku: 'Heroku',
  statusio: 'status.io',
  instatus: 'Instatus',
  cachet: 'Cachet',
  m365: 'Microsoft 365',
  betterstack: 'Better Stack',
  rootly: 'Rootly',
  sorry: 'Sorry',
  uptimekuma: 'Uptime Kuma',
  gatus: 'Gatus',
  hund: 'Hund',
};
