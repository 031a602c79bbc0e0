import 'fake-indexeddb/auto';
import '../../core/i18n-english';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach } from 'vitest';

beforeEach(() => {
  fakeBrowser.reset();
});

// The extension reads the packaged catalog.jsonl; unit tests use the same data, imported and validated.
import { provideCatalog } from '../../core/catalog/catalog';
import { CATALOG } from '../../core/catalog/bundled';
provideCatalog(CATALOG);
