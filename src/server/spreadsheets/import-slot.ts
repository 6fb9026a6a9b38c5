import { AppError } from '../errors.js';

// One XLSX import is parsed at a time in this process, catalog and checklist together: each may take
// ≈ 100 MB of heap at its limits (see xlsx-limits.ts), and two at once must not share 512 MB with
// everyone else's requests.
let isBusy = false;

/** Runs `work` holding the process's only XLSX slot; refuses with 429 `spreadsheet.busy` if taken. */
export async function withXlsxSlot<T>(work: () => Promise<T>): Promise<T> {
  if (isBusy) throw new AppError('spreadsheet.busy', 429);
  isBusy = true;
  try {
    return await work();
  } finally {
    isBusy = false;
  }
}
