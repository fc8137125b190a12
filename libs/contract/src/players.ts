export const POSITIONS = ['GK', 'DEF', 'MID', 'FWD'] as const;
export type Position = (typeof POSITIONS)[number];

export interface PlayerPrice {
  /** Whole euros. */
  eur: number;
  basis: 'reported' | 'default';
  /** How many fee reports the price is made of (0 for the default). */
  reports: number;
  /** A reported price: made by the news, or by the starter data shipped with the product (until the news prices him). */
  origin?: 'news' | 'starter';
  updatedAt: string;
}

export interface Player {
  id: string;
  name: string;
  shortName: string | null;
  club: string | null;
  league: string | null;
  position: Position;
  role: string | null;
  nationality: string | null;
  birthDate: string | null;
  price: PlayerPrice;
}

export interface PlayerPage {
  items: Player[];
  nextCursor: string | null;
}
