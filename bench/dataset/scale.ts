/** Dataset sizes: `full` is issue 8's realistic dataset, `quick` a seconds-long one for CI. */
export interface Scale {
  name: 'full' | 'quick';
  buildings: number;
  elevators: number;
  questions: number;
  auditors: number;
  admins: number;
  audits: number;
  photos: number;
  photoVariants: number;
}

export const SCALES: Record<Scale['name'], Scale> = {
  full: {
    name: 'full',
    buildings: 2000,
    elevators: 10_000,
    questions: 150,
    auditors: 50,
    admins: 2,
    audits: 20_000,
    photos: 60_000,
    photoVariants: 20,
  },
  quick: {
    name: 'quick',
    buildings: 20,
    elevators: 50,
    questions: 20,
    auditors: 20,
    admins: 2,
    audits: 200,
    photos: 100,
    photoVariants: 5,
  },
};

export const SEED = 20261128;
/** "Now" of the dataset: audits spread over the two years before it. */
export const ANCHOR = Date.parse('2026-11-27T12:00:00Z');
export const PASSWORD = 'Bench-Souzlift-2026';
export const MANIFEST_FILE = 'bench-dataset.json';

export interface DatasetManifest {
  format: 1;
  seed: number;
  scale: Scale;
  generatedAt: string;
  password: string;
  auditors: string[];
  admins: string[];
  checklistVersionId: number;
  timingsMs: Record<string, number>;
  counts: Record<string, number>;
}
