import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { ErrorCode } from '../../shared/errors.js';
import { AppError } from '../errors.js';
import type { XlsxLimits } from './xlsx-limits.js';
import { XmlCensus } from './xml-census.js';

const MB = 1024 * 1024;
const isXml = (name: string) => /\.(xml|rels)$/i.test(name);

function openZip(buf: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    // validateEntrySizes: yauzl fails an entry that inflates to more or fewer bytes than it declares.
    yauzl.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: true }, (err, zip) =>
      err ? reject(err) : resolve(zip),
    );
  });
}

function openEntry(zip: ZipFile, entry: Entry): Promise<NodeJS.ReadableStream & { destroy(): void }> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream)));
  });
}

/**
 * Inspects an XLSX archive before exceljs loads it whole: inflates every entry, counting the bytes
 * that really come out (the sizes the archive declares may lie) and the XML that would become
 * objects, and stops at the first limit passed. Throws 413 `spreadsheet.*` for a limit, 400
 * `spreadsheet.encrypted`, or 400 `unreadable` (the importer's own code) for a broken archive.
 */
export async function inspectXlsxArchive(buf: Buffer, limits: XlsxLimits, unreadable: ErrorCode) {
  let zip: ZipFile;
  try {
    zip = await openZip(buf);
  } catch {
    throw new AppError(unreadable, 400, 'Не удалось открыть XLSX: файл повреждён или это не таблица Excel.');
  }
  try {
    await walkEntries(zip, limits, unreadable);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      unreadable,
      400,
      'Архив XLSX повреждён или собран не так, как его сохраняет Excel (например, размеры файлов внутри не совпадают с заявленными). Сохраните таблицу в Excel заново.',
    );
  } finally {
    zip.close();
  }
}

async function walkEntries(zip: ZipFile, limits: XlsxLimits, unreadable: ErrorCode) {
  // Errors reach us through nextEntry and the entry streams; this keeps a stray one from crashing the process.
  zip.on('error', () => {});
  if (zip.entryCount > limits.maxEntries) {
    throw new AppError(
      'spreadsheet.too_many_parts',
      413,
      `В архиве XLSX ${zip.entryCount} файлов: таблица Excel содержит не более ${limits.maxEntries}.`,
    );
  }
  const census = new XmlCensus();
  let unpacked = 0;
  const tooLarge = () =>
    new AppError(
      'spreadsheet.unpacked_too_large',
      413,
      `Таблица XLSX в распакованном виде больше ${limits.maxUnpackedBytes / MB} МБ: уберите лишние листы, картинки и форматирование или загрузите её частями.`,
    );

  for (;;) {
    const entry = await nextEntry(zip);
    if (!entry) break;
    if (entry.isEncrypted()) {
      throw new AppError('spreadsheet.encrypted', 400);
    }
    // Declared sizes only allow an early refusal; the real count below is what counts.
    if (unpacked + entry.uncompressedSize > limits.maxUnpackedBytes) throw tooLarge();
    if (entry.fileName.endsWith('/')) continue;
    const stream = await openEntry(zip, entry);
    const shouldScan = isXml(entry.fileName);
    await new Promise<void>((resolve, reject) => {
      const stop = (error: Error) => {
        stream.destroy();
        reject(error);
      };
      stream.on('data', (chunk: Buffer) => {
        unpacked += chunk.length;
        if (unpacked > limits.maxUnpackedBytes) return stop(tooLarge());
        if (shouldScan && !census.push(chunk)) {
          return stop(
            new AppError(
              unreadable,
              400,
              'В XLSX больше 1 МБ текста без разметки подряд: это не таблица Excel.',
            ),
          );
        }
        if (census.elements > limits.maxElements || census.rangeCells > limits.maxRangeCells) {
          return stop(tooComplex(census, limits));
        }
      });
      stream.on('error', reject);
      stream.on('end', () => {
        census.end();
        resolve();
      });
    });
  }
  if (census.elements > limits.maxElements || census.rangeCells > limits.maxRangeCells) {
    throw tooComplex(census, limits);
  }
}

function tooComplex(census: XmlCensus, limits: XlsxLimits) {
  if (census.rangeCells > limits.maxRangeCells) {
    return new AppError(
      'spreadsheet.too_many_cells',
      413,
      `Объединённые ячейки, проверка данных или именованные диапазоны (в том числе фильтр) охватывают больше ${limits.maxRangeCells} ячеек: уберите их со всего столбца или листа.`,
    );
  }
  return new AppError(
    'spreadsheet.too_many_cells',
    413,
    `В таблице XLSX слишком много ячеек и элементов оформления (больше ${limits.maxElements}): загрузите её частями.`,
  );
}

/** The next entry, or null at the end of the central directory. */
function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: Entry) => {
      cleanup();
      resolve(entry);
    };
    const onEnd = () => {
      cleanup();
      resolve(null);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}
