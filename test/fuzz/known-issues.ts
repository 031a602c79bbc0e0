/**
 * Adapter/core issues the fuzzers found and reported (see README "Known issues"). A finding that
 * matches one is counted and printed ("KNOWN ISSUE …") instead of failing, so the suite stays
 * useful until it is fixed; FUZZ_STRICT=1 makes them fail. Delete an entry once its fix lands.
 */
import type { ParseContext } from '../../core/official/adapter';
import type { OfficialIncident } from '../../core/model';

export interface FindingLike {
  property: string;
  code: string;
  detail: string;
  incident?: OfficialIncident;
}

export interface CaseLike {
  bodies: string[];
  ctx: ParseContext;
}

interface Known {
  id: string;
  match(target: string, family: string, f: FindingLike, c: CaseLike): boolean;
}

const KNOWN: Known[] = [];

/** The id of the known issue this finding is, or null when it is new. */
export function knownIssue(target: string, family: string, f: FindingLike, c: CaseLike): string | null {
  for (const k of KNOWN) if (k.match(target, family, f, c)) return k.id;
  return null;
}
