/**
 * The extension's catalog, bundled into the Worker: which service ids exist and where their
 * official feeds live. The same files the extension's build validates and ships
 * (core/catalog/services/*.json); a Worker has no file system, so each category file is imported
 * here by name. test/unit/relay-client.test.ts (the extension's unit tests) checks this list
 * against the directory, so a new category file missing here fails the tests.
 */
import ai from '../../core/catalog/services/ai.json';
import chat from '../../core/catalog/services/chat.json';
import cloud from '../../core/catalog/services/cloud.json';
import developer from '../../core/catalog/services/developer.json';
import games from '../../core/catalog/services/games.json';
import mail from '../../core/catalog/services/mail.json';
import music from '../../core/catalog/services/music.json';
import other from '../../core/catalog/services/other.json';
import payments from '../../core/catalog/services/payments.json';
import productivity from '../../core/catalog/services/productivity.json';
import shopping from '../../core/catalog/services/shopping.json';
import social from '../../core/catalog/services/social.json';
import video from '../../core/catalog/services/video.json';
import { catalogFrom, type Catalog } from '../../core/catalog/match';
import type { Service } from '../../core/catalog/schema';

export type { Service };

const FILES = { ai, chat, cloud, developer, games, mail, music, other, payments, productivity, shopping, social, video };
export const CATEGORY_FILES: readonly string[] = Object.keys(FILES).sort();

export const CATALOG: Catalog = catalogFrom(Object.values(FILES).flatMap((f) => (f as unknown as { services: Service[] }).services));

export const serviceById = (id: string): Service | undefined => CATALOG.get(id);
