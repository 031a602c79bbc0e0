/** Placeholder: replaced by the catalog module. */
import * as z from 'zod/mini';
import { OFFICIAL_KINDS } from '../official/kinds';
export const officialSchema = z.object({ kind: z.enum(OFFICIAL_KINDS), url: z.url() });
