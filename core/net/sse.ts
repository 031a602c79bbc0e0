/**
 * Server-sent events framing (WHATWG HTML §9.2, "Interpreting an event stream"), just enough to
 * take a snapshot from a live stream: feed it the stream's bytes as they arrive and it hands back
 * the data of the first complete event of one name. core/net/fetch.ts uses it (`sseEvent`) to read
 * a stream only until that event and then hang up — a status stream never ends by itself.
 *
 * Rules kept from the spec: the stream is UTF-8 (a leading BOM is dropped); lines end with CRLF,
 * LF or CR (also split across chunks); `:` starts a comment; `field: value` loses one leading
 * space; `data` lines are joined with "\n"; a blank line ends the event; an event without `event:`
 * is named `message`; an event with no data line is not dispatched. `id` and `retry` are ignored
 * (we never reconnect).
 */
export interface SseScanner {
  /** Feed the next bytes; the event's data once the first event named `name` is complete, else null. */
  push(bytes: Uint8Array): string | null;
}

export function sseScanner(name: string): SseScanner {
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  let pending = ''; // an unfinished line
  let afterCr = false; // the last chunk ended in CR: a leading LF of the next one belongs to it
  let type = '';
  let data: string[] = [];
  let found: string | null = null;

  const line = (l: string): void => {
    if (l === '') {
      if (data.length > 0 && (type || 'message') === name) found = data.join('\n');
      type = '';
      data = [];
      return;
    }
    if (l.startsWith(':')) return;
    const colon = l.indexOf(':');
    const field = colon < 0 ? l : l.slice(0, colon);
    let value = colon < 0 ? '' : l.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
  };

  return {
    push(bytes) {
      if (found !== null) return found;
      let text = decoder.decode(bytes, { stream: true });
      if (afterCr && text.startsWith('\n')) text = text.slice(1);
      afterCr = false;
      const parts = (pending + text).split(/\r\n|\r|\n/);
      pending = parts.pop() ?? '';
      // A chunk ending in CR already ended its line (split saw it); remember it for a following LF.
      if (text.endsWith('\r')) afterCr = true;
      for (const l of parts) {
        line(l);
        if (found !== null) return found;
      }
      return null;
    },
  };
}
