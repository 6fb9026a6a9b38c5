/**
 * Text of an uploaded CSV: UTF-8 (with or without BOM), falling back to Windows-1251 when the bytes are
 * not valid UTF-8 (Excel on Russian Windows saves «CSV» in 1251).
 */
export function decodeText(buf: Buffer): string {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder('windows-1251').decode(buf);
  }
}
