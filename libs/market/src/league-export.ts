/** What a league's export holds, and in which format. */
export const EXPORTS = ['rosters', 'bids', 'events'] as const;
export type ExportKind = (typeof EXPORTS)[number];
export const EXPORT_FORMATS = ['json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
