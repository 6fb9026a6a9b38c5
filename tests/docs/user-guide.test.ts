import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const DOCS = new URL('../../docs/', import.meta.url);
const guide = readFileSync(new URL('user-guide.md', DOCS), 'utf8');

describe('docs/user-guide.md', () => {
  it('shows only screenshots that exist in docs/screenshots', () => {
    const images = [...guide.matchAll(/!\[[^\]]*\]\((screenshots\/[^)]+)\)/g)].map((m) => m[1]!);
    expect(images.length).toBeGreaterThan(20);
    expect(images.filter((image) => !existsSync(new URL(image, DOCS)))).toEqual([]);
  });

  it('uses every screenshot the guide spec takes (e2e/guide-screenshots.spec.ts)', () => {
    const spec = readFileSync(new URL('../../e2e/guide-screenshots.spec.ts', import.meta.url), 'utf8');
    const taken = [...spec.matchAll(/snap\(page, '([a-z0-9-]+)'/g)].map(
      (m) => `screenshots/guide-${m[1]}.png`,
    );
    expect(taken.length).toBeGreaterThan(20);
    expect(taken.filter((image) => !guide.includes(image))).toEqual([]);
  });

  it('has a table of contents whose anchors match its headings', () => {
    const anchors = [...guide.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    const slugs = new Set(
      [...guide.matchAll(/^#{2,3} (.+)$/gm)].map((m) =>
        m[1]!
          .toLowerCase()
          .replace(/[^\p{L}\p{N} -]/gu, '')
          .replaceAll(' ', '-'),
      ),
    );
    expect(anchors.length).toBeGreaterThan(20);
    expect(anchors.filter((a) => !slugs.has(a))).toEqual([]);
  });
});
