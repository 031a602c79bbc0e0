/**
 * Translated sentences with markup inside (a `<time>`, a `<strong>`): `rich(key, [node, 'text'])`
 * formats the message with each node's place held by a private-use marker, then splits the text
 * on the markers so word order stays the translator's. Strings and numbers pass through as text.
 */
import { Fragment, h, type ComponentChildren, type VNode } from 'preact';
import { t, type MessageKey } from '@/core/i18n';

const FIRST = 0xe000;
const MARKERS = /[\uE000-\uE008]/g;

export function rich(key: MessageKey, subs: readonly ComponentChildren[]): VNode {
  const nodes: ComponentChildren[] = [];
  const list = subs.map((s) => {
    if (typeof s === 'string' || typeof s === 'number') return String(s).replace(MARKERS, '');
    nodes.push(s);
    return String.fromCharCode(FIRST + nodes.length - 1);
  });
  const parts: ComponentChildren[] = [];
  let last = 0;
  const text = t(key, list);
  for (const m of text.matchAll(MARKERS)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push(nodes[m[0].charCodeAt(0) - FIRST] ?? null);
    last = m.index + 1;
  }
  if (last < text.length) parts.push(text.slice(last));
  return h(Fragment, null, ...parts);
}
