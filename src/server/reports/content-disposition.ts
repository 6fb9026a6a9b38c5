/**
 * `Content-Disposition: attachment` for a download whose name may be Cyrillic (RFC 6266): an ASCII
 * `filename=` for old clients plus `filename*=UTF-8''…` (RFC 5987 percent-encoding) that every
 * current browser prefers.
 */
export function attachmentDisposition(fileName: string, asciiFallback: string): string {
  const ascii = asciiFallback.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A file-name-safe piece of text: no path separators, control or reserved characters, short. */
export function fileNamePart(text: string, maxLength = 60): string {
  return text
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .replace(/[\s,.;]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, maxLength);
}
