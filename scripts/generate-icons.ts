/**
 * Regenerates the PWA icons in src/client/public/icons from one SVG drawing (a lift car with doors).
 * Run by hand after changing the drawing: `npx tsx scripts/generate-icons.ts`; the PNGs are committed.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const outDir = fileURLToPath(new URL('../src/client/public/icons/', import.meta.url));

function drawing(size: number, padding: number): string {
  const inner = size - padding * 2;
  const x = (v: number) => padding + (v / 100) * inner;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
  <rect width="${size}" height="${size}" rx="${padding === 0 ? size * 0.18 : 0}" fill="#1c5fa8"/>
  <rect x="${x(22)}" y="${x(18)}" width="${x(56) - padding}" height="${x(68) - padding}" rx="${inner * 0.04}"
    fill="none" stroke="#ffffff" stroke-width="${inner * 0.06}"/>
  <line x1="${x(50)}" y1="${x(18)}" x2="${x(50)}" y2="${x(86)}" stroke="#ffffff" stroke-width="${inner * 0.04}"/>
  <path d="M ${x(36)} ${x(10)} L ${x(42)} ${x(4)} L ${x(48)} ${x(10)} Z" fill="#ffffff"/>
  <path d="M ${x(52)} ${x(4)} L ${x(58)} ${x(10)} L ${x(64)} ${x(4)} Z" fill="#ffffff"/>
</svg>`;
}

mkdirSync(outDir, { recursive: true });
const targets = [
  { file: 'icon-192.png', size: 192, padding: 0 },
  { file: 'icon-512.png', size: 512, padding: 0 },
  // Maskable icons keep the drawing inside the 80 % safe zone.
  { file: 'icon-maskable-512.png', size: 512, padding: 64 },
  { file: 'apple-touch-icon.png', size: 180, padding: 0 },
  { file: 'favicon-32.png', size: 32, padding: 0 },
];
for (const { file, size, padding } of targets) {
  await sharp(Buffer.from(drawing(size, padding)))
    .png({ compressionLevel: 9 })
    .toFile(`${outDir}${file}`);
}
