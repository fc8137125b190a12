import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auth, leagueWith, moves, playerId } from './support/game.js';
import { registerUser, startTestApi, type TestApi } from './support/test-api.js';

/** "HH:MM" of an instant in a time zone. */
const hhmm = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
const minutes = (n: number) => n * 60_000;

/** Quiet hours: deadlines that fall inside the league's daily window move to its end, in its time zone. */
describe('quiet hours', () => {
  let api: TestApi;
  let gabbia: string;
  const { open, bid } = moves(() => api);
  beforeAll(async () => {
    api = await startTestApi();
    gabbia = await playerId(api, 'Matteo Gabbia');
  });
  afterAll(() => api.close());

  const windowAround = (from: number, to: number, timeZone: string) => ({
    from: hhmm(new Date(Date.now() + minutes(from)), timeZone),
    to: hhmm(new Date(Date.now() + minutes(to)), timeZone),
    timeZone,
  });

  it('an auction opened inside the window ends when it ends, in the league’s time zone (Rome, and UTC)', async () => {
    for (const timeZone of ['Europe/Rome', 'UTC', 'America/New_York']) {
      const quietHours = windowAround(-60, 90, timeZone);
      const { league, managers } = await leagueWith(api, 2, { quietHours, auction: { durationSeconds: 5 } });
      const { body: shown } = await api.http().get(`/api/v1/leagues/${league.id}`).set(auth(managers[0])).expect(200);
      expect(shown.quietHours).toEqual(quietHours);
      const { body: auction } = await open(managers[0], league.id, { playerId: gabbia }).expect(201);
      const endsAt = new Date(auction.endsAt);
      expect(hhmm(endsAt, timeZone)).toBe(quietHours.to);
      expect(endsAt.getTime() - Date.now()).toBeGreaterThan(minutes(85));
      expect(endsAt.getTime() - Date.now()).toBeLessThan(minutes(91));
    }
  });

  it('outside the window nothing moves; a bid whose extension falls inside it moves the deadline to its end', async () => {
    const quietHours = windowAround(30, 90, 'UTC');
    const { league, managers } = await leagueWith(api, 2, { quietHours, auction: { durationSeconds: 60, extendSeconds: 3600 } });
    const [anna, bruno] = managers;
    const { body: auction } = await open(anna, league.id, { playerId: gabbia }).expect(201);
    expect(new Date(auction.endsAt).getTime() - Date.now()).toBeLessThan(61_000);
    const { body: answered } = await bid(bruno, auction.id, { amount: auction.openingPrice }).expect(201);
    // now + 1 h lands inside 30–90 minutes from now: the deadline goes to the window's end.
    expect(hhmm(new Date(answered.auction.endsAt), 'UTC')).toBe(quietHours.to);
  });

  it('a nomination clock that would run out inside the window runs until its end', async () => {
    const quietHours = windowAround(-10, 20, 'Europe/Rome');
    const { league, managers } = await leagueWith(api, 2, { quietHours, market: { mode: 'turns' } });
    const { body: draft } = await api
      .http()
      .post(`/api/v1/leagues/${league.id}/draft`)
      .set(auth(managers[0]))
      .send({ order: 'joined', nominationSeconds: 45 })
      .expect(201);
    expect(hhmm(new Date(draft.clockEndsAt), 'Europe/Rome')).toBe(quietHours.to);
  });

  it('a pause keeps the time left before quiet hours moved the deadline, not the night it was moved across', async () => {
    // The clock (1 h) would end inside a window starting in 30 minutes: it was moved to the window's end (90 minutes).
    const quietHours = windowAround(30, 90, 'UTC');
    const { league, managers } = await leagueWith(api, 2, { quietHours, market: { mode: 'turns' } });
    const draftOf = (path: string, body: object) =>
      api.http().post(`/api/v1/leagues/${league.id}/draft${path}`).set(auth(managers[0])).send(body);
    const { body: draft } = await draftOf('', { order: 'joined', nominationSeconds: 3600 }).expect(201);
    expect(hhmm(new Date(draft.clockEndsAt), 'UTC')).toBe(quietHours.to);
    const { body: paused } = await draftOf('/pause', { reason: 'pizza' }).expect(201);
    // What is left runs to the window's start (about 30 minutes), not to its end.
    expect(paused.remainingSeconds).toBeGreaterThan(28 * 60);
    expect(paused.remainingSeconds).toBeLessThanOrEqual(30 * 60);
  });

  it('refuses a window that is not one: bad times, an unknown zone, an empty window (400, nothing created)', async () => {
    const anna = await registerUser(api);
    for (const quietHours of [
      { from: '25:00', to: '08:00', timeZone: 'Europe/Rome' },
      { from: '23:00', to: '8:00', timeZone: 'Europe/Rome' },
      { from: '23:00', to: '08:00', timeZone: 'Mars/Olympus_Mons' },
      { from: '23:00', to: '08:00', timeZone: '+03:00' },
      { from: '23:00', to: '23:00', timeZone: 'UTC' },
      { from: '23:00', to: '08:00' },
    ]) {
      const refused = await api.http().post('/api/v1/leagues').set(auth(anna)).send({ name: 'Lega', quietHours }).expect(400);
      expect(refused.body.code).toBe('VALIDATION_FAILED');
    }
    expect((await api.http().get('/api/v1/leagues').set(auth(anna)).expect(200)).body).toEqual([]);
  });
});
