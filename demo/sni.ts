/**
 * Just enough TLS to read the server name a client asks for (RFC 8446 §4.1.2 ClientHello,
 * RFC 6066 §3 server_name), so the demo server can refuse one site on a port it shares with all
 * the others: the connection is reset before any TLS answer, as a site that refuses connections
 * would look to a browser.
 */

/** Largest TLS record (2^14 bytes of plaintext plus header slack). */
const MAX_RECORD = 16_384 + 2048;

export interface ClientHelloInfo {
  /** The whole first record has arrived (or it never will be a ClientHello we can read). */
  complete: boolean;
  /** The SNI host name, lower-cased; null when absent or unreadable. */
  serverName: string | null;
}

/**
 * Read the first TLS record of a connection. `complete: false` means "wait for more bytes".
 * Never throws; anything malformed is `{ complete: true, serverName: null }` (let TLS reject it).
 */
export function readClientHello(buf: Buffer): ClientHelloInfo {
  const done = (serverName: string | null): ClientHelloInfo => ({ complete: true, serverName });
  if (buf.length < 5) return { complete: false, serverName: null };
  if (buf[0] !== 0x16) return done(null);
  const recordLength = buf.readUInt16BE(3);
  if (recordLength > MAX_RECORD) return done(null);
  if (buf.length < 5 + recordLength) return { complete: false, serverName: null };
  try {
    let p = 5;
    if (buf[p] !== 0x01) return done(null); // handshake type: client_hello
    const end = Math.min(5 + recordLength, p + 4 + buf.readUIntBE(p + 1, 3));
    p += 4;
    p += 2 + 32; // legacy_version, random
    p += 1 + buf[p]!; // legacy_session_id
    p += 2 + buf.readUInt16BE(p); // cipher_suites
    p += 1 + buf[p]!; // legacy_compression_methods
    if (p + 2 > end) return done(null);
    const extEnd = Math.min(end, p + 2 + buf.readUInt16BE(p));
    p += 2;
    while (p + 4 <= extEnd) {
      const type = buf.readUInt16BE(p);
      const len = buf.readUInt16BE(p + 2);
      p += 4;
      if (type === 0x0000) {
        // server_name: list length, then entries of (type, length, name); type 0 = host_name.
        let q = p + 2;
        const listEnd = Math.min(p + len, p + 2 + buf.readUInt16BE(p));
        while (q + 3 <= listEnd) {
          const nameType = buf[q]!;
          const nameLen = buf.readUInt16BE(q + 1);
          q += 3;
          if (nameType === 0 && q + nameLen <= listEnd) return done(buf.toString('ascii', q, q + nameLen).toLowerCase());
          q += nameLen;
        }
        return done(null);
      }
      p += len;
    }
    return done(null);
  } catch {
    return done(null);
  }
}
