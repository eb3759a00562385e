// Share links: the state as JSON, UTF-8, deflate-raw (the browser's own CompressionStream) and
// base64url, behind a version prefix: `#v1.<payload>`. Decoding is bounded at every stage (the
// payload's length, the inflated size, the state's own limits) and ends in a ShareState or a
// ShareLinkError, never in anything else. Older fragments (the readable `#cmd=…&step=N` of the
// first version of the page) are migrated.
import { ViewUrlError, parseViewUrl } from '../url/viewUrl';
import { migrateToCurrent } from './migrations';
import { SHARE_VERSION, ShareLinkError, validateShareState, type ShareState } from './shareState';

/** The longest payload read (characters after the prefix): about what browsers keep of a URL. */
export const MAX_PAYLOAD_CHARS = 1_500_000;
/** The most bytes inflated from one link; past it the link is refused as too large. */
export const MAX_INFLATED_BYTES = 4 * 1024 * 1024;

const B64URL = /^[A-Za-z0-9_-]*$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

export function base64urlEncode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!;
  }
  return out;
}

/** Base64url without padding; null when the text is not (a length of 4k+1 cannot be). */
export function base64urlDecode(text: string): Uint8Array | null {
  if (!B64URL.test(text) || text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    acc = (acc << 6) | DECODE[text.charCodeAt(i)]!;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
    acc &= 0xffff;
  }
  return out.subarray(0, o);
}

async function pump(
  stream: TransformStream<Uint8Array, Uint8Array>,
  input: Uint8Array,
  limit: number,
): Promise<Uint8Array | 'too-large'> {
  const writer = stream.writable.getWriter();
  // The write and close settle as the reader drains; their errors surface through the reader.
  writer.write(input).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return 'too-large';
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** deflate-raw through the platform's CompressionStream. */
export async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const out = await pump(
    new CompressionStream('deflate-raw') as TransformStream<Uint8Array, Uint8Array>,
    bytes,
    Infinity,
  );
  return out as Uint8Array;
}

/** The fragment (without `#`) for a state: `v1.` and the compressed JSON. */
export async function encodeShareLink(state: ShareState): Promise<string> {
  const json = JSON.stringify(validateShareState(state));
  return `v${SHARE_VERSION}.${base64urlEncode(await deflateRaw(new TextEncoder().encode(json)))}`;
}

const PREFIX = /^v(\d{1,6})\.(.*)$/s;

/** Does this fragment look like a share link (versioned or the legacy readable form)? */
export function isShareFragment(hash: string): boolean {
  const text = hash.replace(/^#/, '');
  return text !== '' && (PREFIX.test(text) || /^(kv|config|cmdline|nobuild|cmd|step)=/.test(text));
}

/**
 * Opens a fragment (with or without `#`): a ShareState, null when it carries nothing, or a
 * ShareLinkError that says what is wrong with it.
 */
export async function decodeShareLink(hash: string): Promise<ShareState | null> {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text === '') return null;
  const m = PREFIX.exec(text);
  if (!m) {
    // The readable fragment of the first version (v0).
    let legacy;
    try {
      legacy = parseViewUrl(text);
    } catch (e) {
      if (e instanceof ViewUrlError) throw new ShareLinkError('malformed', e.message);
      throw e;
    }
    return legacy ? validateShareState(migrateToCurrent(0, legacy)) : null;
  }
  const version = Number(m[1]);
  if (version > SHARE_VERSION)
    throw new ShareLinkError(
      'future-version',
      `the link was made by a newer version of the playground (format ${version}; this page reads up to ${SHARE_VERSION})`,
    );
  if (version < 1) throw new ShareLinkError('malformed', `there is no link format ${version}`);
  const payload = m[2]!;
  if (payload.length > MAX_PAYLOAD_CHARS)
    throw new ShareLinkError('too-large', `the link is longer than ${MAX_PAYLOAD_CHARS} characters`);
  const bytes = base64urlDecode(payload);
  if (!bytes)
    throw new ShareLinkError(
      'corrupt',
      payload.length % 4 === 1 && B64URL.test(payload)
        ? 'the link is cut short (its data ends mid-character)'
        : 'the link contains characters a share link never has',
    );
  let inflated: Uint8Array | 'too-large';
  try {
    inflated = await pump(
      new DecompressionStream('deflate-raw') as TransformStream<Uint8Array, Uint8Array>,
      bytes,
      MAX_INFLATED_BYTES,
    );
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw /unexpected end|incomplete|truncat|premature/i.test(why)
      ? new ShareLinkError('truncated', 'the link is cut short: its data ends before the state does')
      : new ShareLinkError('corrupt', 'the link is damaged: its data does not decompress');
  }
  if (inflated === 'too-large')
    throw new ShareLinkError('too-large', `the link unpacks to more than ${MAX_INFLATED_BYTES / 1024 / 1024} MiB`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated));
  } catch {
    throw new ShareLinkError('corrupt', 'the link is damaged: its data is not a saved state');
  }
  return validateShareState(migrateToCurrent(version, json));
}
