export function ascii(s: string): string;
export function normalizeName(s: string): string;
export function compact(s: string): string;
export function tidy(s: string | null | undefined): string;

export interface Spelling {
  ref: string;
  name: string;
  url: string;
}

export function applySpellings(
  names: ReadonlyMap<string, string>,
  spellings: readonly Spelling[],
): {
  names: Map<string, string>;
  applied: { ref: string; from: string; to: string; url: string }[];
  unchanged: number;
  refused: (Spelling & { reason: string })[];
};

export function clubAliases(rows: readonly { source_club: string; club: string; url: string }[]): Map<string, string>;
