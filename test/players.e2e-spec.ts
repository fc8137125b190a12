import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { parseRegistryCsv, PlayersRepository } from '../libs/players/src/index.js';
import { startTestApi, type TestApi } from './support/test-api.js';

describe('the player registry', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const search = (query: Record<string, string | number>) => api.http().get('/api/v1/players').query(query);

  it('holds the real Serie A and Premier League players, with a default price', async () => {
    const { body } = await search({ q: 'Pierre Kalulu' }).expect(200);
    expect(body.items).toEqual([
      expect.objectContaining({
        name: 'Pierre Kalulu',
        club: 'Milan',
        position: 'DEF',
        nationality: 'France',
        birthDate: '2000-06-05',
        price: { eur: 4_000_000, basis: 'default', reports: 0, updatedAt: expect.any(String) },
      }),
    ]);
  });

  it.each([
    ['kjaer', 'Simon Kjær'],
    ['KJÆR', 'Simon Kjær'],
    ['odegaard', 'Martin Ødegaard'],
    ['Ødegaard', 'Martin Ødegaard'],
    ['muller', 'Thomas Müller'],
    ['müller', 'Thomas Müller'],
  ])('finds %s accent- and case-insensitively', async (q, name) => {
    const { body } = await search({ q }).expect(200);
    expect(body.items.map((p: { name: string }) => p.name)).toContain(name);
  });

  it('filters by club as people write it, accents and case aside, old source names included', async () => {
    const ids = async (club: string) => (await search({ club, limit: 100 }).expect(200)).body.items.map((p: { id: string }) => p.id).sort();
    const bayern = await ids('Bayern München');
    expect(bayern.length).toBeGreaterThan(10);
    expect(await ids('bayern munchen')).toEqual(bayern);
    expect(await ids('Fc Bayern Munchen')).toEqual(bayern); // the Transfermarkt file's name, through the alias table
    const united = await ids('Manchester United');
    expect(united.length).toBeGreaterThan(10);
    expect(await ids('man utd')).toEqual(united);
    expect(await ids('no such club')).toEqual([]);
  });

  it('tells the two Kalulus apart by club and position filters', async () => {
    const both = (await search({ q: 'kalulu' }).expect(200)).body.items.map((p: { name: string }) => p.name);
    expect(both).toEqual(expect.arrayContaining(['Pierre Kalulu', 'Aldo Kalulu']));
    const milan = (await search({ q: 'kalulu', club: 'milan', position: 'def' }).expect(200)).body.items;
    expect(milan.map((p: { name: string }) => p.name)).toEqual(['Pierre Kalulu']);
  });

  it('pages with a cursor, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string | number> = { club: 'Milan', limit: 7 };
      if (cursor) query.cursor = cursor;
      const { body } = await search(query).expect(200);
      expect(body.items.length).toBeLessThanOrEqual(7);
      seen.push(...body.items.map((p: { id: string }) => p.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const all = (await search({ club: 'Milan', limit: 100 }).expect(200)).body.items.map((p: { id: string }) => p.id);
    expect(seen).toEqual(all);
  });

  it('clamps an out-of-range limit and refuses one that is not a number', async () => {
    expect((await search({ limit: 100000 }).expect(200)).body.items).toHaveLength(100);
    expect((await search({ limit: -5, q: 'a' }).expect(200)).body.items).toHaveLength(1);
    const bad = await search({ limit: 'many' }).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect((await search({ position: 'striker' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('treats LIKE wildcards in a search as plain characters', async () => {
    expect((await search({ q: '%' }).expect(200)).body.items).toEqual([]);
    expect((await search({ q: '_' }).expect(200)).body.items).toEqual([]);
  });

  it('shows one player by id, and 404 PLAYER_NOT_FOUND otherwise', async () => {
    const [kalulu] = (await search({ q: 'Pierre Kalulu' })).body.items;
    const { body } = await api.http().get(`/api/v1/players/${kalulu.id}`).expect(200);
    expect(body).toMatchObject({ id: kalulu.id, name: 'Pierre Kalulu', reports: [] });
    for (const id of ['00000000-0000-0000-0000-000000000000', 'not-a-uuid', "1' OR '1'='1"]) {
      const response = await api
        .http()
        .get(`/api/v1/players/${encodeURIComponent(id)}`)
        .expect(404);
      expect(response.body.code).toBe('PLAYER_NOT_FOUND');
    }
  });
});

describe('players:import', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('adds new players and updates known ones by ref, never wiping facts a partial row leaves out', async () => {
    const { rows, problems } = parseRegistryCsv(
      'ref,name,position,club\n' +
        'tm:999999001,Giocatore Nuovo,FWD,Milan\n' +
        'tm:999999002,Bad Row,STRIKER,Milan\n' +
        'tm:585949,Pierre Kalulu,DEF,Real Madrid\n',
    );
    expect(problems).toEqual([{ line: 3, message: expect.stringContaining('STRIKER') }]);
    const result = await api.app.get(DataSource).transaction((m) => api.app.get(PlayersRepository).upsert(rows, m));
    expect(result).toEqual({ inserted: 1, updated: 1 });

    const search = async (q: string) => (await api.http().get('/api/v1/players').query({ q })).body.items;
    expect(await search('giocatore nuovo')).toEqual([expect.objectContaining({ name: 'Giocatore Nuovo', club: 'Milan', position: 'FWD' })]);
    const [kalulu] = await search('pierre kalulu');
    expect(kalulu).toMatchObject({ club: 'Real Madrid', nationality: 'France', birthDate: '2000-06-05', role: 'Right-Back' });
    expect((await search('kalulu')).length).toBe(2); // aliases still searchable
  });
});
