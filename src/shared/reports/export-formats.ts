/** Export file formats, without zod (the auditor's first screen shows the export menu; issue 8). */
export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
