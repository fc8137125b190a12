import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auth, leagueWith, moves, playerId, type Manager } from './support/game.js';
import { startTestApi, type TestApi } from './support/test-api.js';

const M = 1_000_000;
const RULES = {
  budget: 100 * M,
  roster: { size: 3, GK: [0, 3], DEF: [0, 3], MID: [0, 3], FWD: [0, 3] },
  auction: { durationSeconds: 600, extendSeconds: 0, minIncrement: 500_000, minPrice: M, maxBids: true },
};

/** Standing max bids: the game bids for a manager up to his private maximum, inside the bid's own database call. */
describe('standing max bids', () => {
  let api: TestApi;
  const { open, bid, events } = moves(() => api);
  const setMax = (who: Manager, auctionId: string, amount: unknown) =>
    api.http().put(`/api/v1/auctions/${auctionId}/max-bid`).set(auth(who)).send({ amount });
  const auctionOf = async (who: Manager, id: string) => (await api.http().get(`/api/v1/auctions/${id}`).set(auth(who)).expect(200)).body;
  const players: string[] = [];
  let next = 0;

  beforeAll(async () => {
    api = await startTestApi();
    for (const name of ['Rade Krunić', 'Matteo Gabbia', 'Ante Rebic', 'Ciprian Tatarusanu', 'Fode Ballo-Touré', 'Samu Castillejo']) {
      players.push(await playerId(api, name));
    }
  });
  afterAll(() => api.close());

  /** A fresh league of `n` and an auction on a default-priced midfielder or defender (opening ≤ €6M). */
  async function lot<N extends number>(n: N, rules: Record<string, unknown> = RULES) {
    const { league, managers } = await leagueWith(api, n, rules);
    const opener = (managers as Manager[])[0]!;
    const { body: auction } = await open(opener, league.id, { playerId: players[next++ % players.length] }).expect(201);
    return { league, managers, auction };
  }

  it('is refused where the league does not use them (409 MAX_BIDS_OFF), and judged like a bid where it does', async () => {
    const plain = await lot(2, { ...RULES, auction: { ...RULES.auction, maxBids: undefined } });
    expect((await setMax(plain.managers[1], plain.auction.id, 20 * M).expect(409)).body.code).toBe('MAX_BIDS_OFF');

    const { managers, auction } = await lot(2);
    const [, bruno] = managers;
    expect((await setMax(bruno, auction.id, auction.openingPrice - 1).expect(422)).body).toMatchObject({
      code: 'BID_TOO_LOW',
      minBid: auction.openingPrice,
    });
    // More than he can afford: the budget rule of a bid (100M, two more empty places at €1M each).
    expect((await setMax(bruno, auction.id, 99 * M).expect(422)).body).toMatchObject({ code: 'INSUFFICIENT_BUDGET', available: 98 * M });
    for (const amount of [0, -5, 1.5, '20', null]) {
      expect((await setMax(bruno, auction.id, amount).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    const stranger = (await leagueWith(api, 1)).managers[0];
    expect((await setMax(stranger, auction.id, 20 * M).expect(404)).body.code).toBe('AUCTION_NOT_FOUND');
    expect((await auctionOf(bruno, auction.id)).bidCount).toBe(0);
  });

  it('bids the least needed to lead, at once and whenever anyone bids: second-highest maximum + the raise, capped by the top one', async () => {
    const { league, managers, auction } = await lot(4);
    const [anna, bruno, carla, dario] = managers;
    const open0 = auction.openingPrice;
    // Bruno's maximum bids the opening price for him at once.
    const { body: set } = await setMax(bruno, auction.id, 20 * M).expect(200);
    expect(set).toMatchObject({ maxBid: { amount: 20 * M }, auction: { highBid: open0, highBidder: { userId: bruno.user.id } } });
    // Carla's lower maximum is answered by Bruno's: he leads at hers + the raise; she hears she was passed.
    await setMax(carla, auction.id, 15 * M).expect(200);
    expect(await auctionOf(anna, auction.id)).toMatchObject({ highBid: 15.5 * M, highBidder: { userId: bruno.user.id } });
    // A live bid below his maximum is answered in the same call: the bidder's own answer already shows it.
    const { body: answered } = await bid(dario, auction.id, { amount: 17 * M }).expect(201);
    expect(answered.auction).toMatchObject({ highBid: 17.5 * M, highBidder: { userId: bruno.user.id } });
    // A live bid above it takes the lead; his maximum is spent.
    await bid(dario, auction.id, { amount: 21 * M }).expect(201);
    expect(await auctionOf(anna, auction.id)).toMatchObject({ highBid: 21 * M, highBidder: { userId: dario.user.id } });
    // Raising it: he leads again at the least that beats Dario.
    await setMax(bruno, auction.id, 30 * M).expect(200);
    expect(await auctionOf(anna, auction.id)).toMatchObject({ highBid: 21.5 * M, highBidder: { userId: bruno.user.id } });

    const log = (await events(anna, league.id)).filter((e) => e.type === 'bid.accepted').map((e) => [e.data.bidderId, e.data.amount]);
    expect(log).toEqual([
      [bruno.user.id, open0],
      [bruno.user.id, 15.5 * M],
      [dario.user.id, 17 * M],
      [bruno.user.id, 17.5 * M],
      [dario.user.id, 21 * M],
      [bruno.user.id, 21.5 * M],
    ]);
    // Nobody else ever sees a maximum: not in events, not in the auction view, not in the max-bid route.
    const seen = JSON.stringify([await events(carla, league.id), await auctionOf(carla, auction.id)]);
    for (const secret of [20 * M, 30 * M]) expect(seen).not.toContain(String(secret));
    expect((await api.http().get(`/api/v1/auctions/${auction.id}/max-bid`).set(auth(dario)).expect(200)).body).toEqual({ maxBid: null });
    expect((await api.http().get(`/api/v1/auctions/${auction.id}/max-bid`).set(auth(bruno)).expect(200)).body.maxBid).toMatchObject({
      amount: 30 * M,
    });
    // Budgets hold the lead's money once: Bruno commits his 21.5M, the others nothing.
    const { body: view } = await api.http().get(`/api/v1/leagues/${league.id}`).set(auth(anna)).expect(200);
    const committed = Object.fromEntries(view.managers.map((m: { userId: string; committed: number }) => [m.userId, m.committed]));
    expect(committed).toEqual({ [anna.user.id]: 0, [bruno.user.id]: 21.5 * M, [carla.user.id]: 0, [dario.user.id]: 0 });
  });

  it('equal maxima: the earlier one leads, at that amount; a withdrawn maximum bids no more', async () => {
    const { managers, auction } = await lot(3);
    const [anna, bruno, carla] = managers;
    await setMax(bruno, auction.id, 25 * M).expect(200);
    await setMax(carla, auction.id, 25 * M).expect(200);
    expect(await auctionOf(anna, auction.id)).toMatchObject({ highBid: 25 * M, highBidder: { userId: bruno.user.id } });

    const other = await lot(3);
    await setMax(other.managers[1], other.auction.id, 30 * M).expect(200);
    await api.http().delete(`/api/v1/auctions/${other.auction.id}/max-bid`).set(auth(other.managers[1])).expect(204);
    await bid(other.managers[2], other.auction.id, { amount: 10 * M }).expect(201);
    expect(await auctionOf(other.managers[0], other.auction.id)).toMatchObject({
      highBid: 10 * M,
      highBidder: { userId: other.managers[2].user.id },
    });
  });

  it('never bids more than its holder can afford: a maximum beyond what he can pay now bids no further', async () => {
    const { league, managers, auction } = await lot(3);
    const [anna, bruno, carla] = managers;
    await setMax(bruno, auction.id, 60 * M).expect(200);
    // Bruno then leads another auction with most of his budget: his maximum there is more than he can pay now.
    const { body: second } = await open(anna, league.id, { playerId: players[next++ % players.length] }).expect(201);
    await bid(bruno, second.id, { amount: 50 * M }).expect(201);
    await bid(carla, auction.id, { amount: 20 * M }).expect(201);
    // He can afford 100 − 50 − 1 (his last empty place) = 49M > 20.5M: the maximum bids for him.
    expect(await auctionOf(anna, auction.id)).toMatchObject({ highBid: 20.5 * M, highBidder: { userId: bruno.user.id } });
    await bid(carla, auction.id, { amount: 49.5 * M }).expect(201);
    // Beating 49.5M takes 50M, more than the 49M he can now pay (100 − 50 − 1 for his empty place): no bid for him.
    expect(await auctionOf(anna, auction.id)).toMatchObject({ highBid: 49.5 * M, highBidder: { userId: carla.user.id } });
    // His maximum stays his (should his budget free up, it counts again), but it never spent what he did not have.
    expect((await api.http().get(`/api/v1/auctions/${auction.id}/max-bid`).set(auth(bruno)).expect(200)).body.maxBid).toMatchObject({
      amount: 60 * M,
    });
  });

  it('a maximum counts for what its holder can pay now: it neither sets the price beyond that nor keeps the lead', async () => {
    const { league, managers, auction } = await lot(3);
    const [anna, bruno, carla] = managers;
    await setMax(bruno, auction.id, 80 * M).expect(200); // he leads at the opening price
    const { body: second } = await open(anna, league.id, { playerId: players[next++ % players.length] }).expect(201);
    await bid(bruno, second.id, { amount: 50 * M }).expect(201);
    // Bruno can now raise himself here to at most 100 − 50 − 1 (his last empty place) = 49M, whatever his 80M says.
    await setMax(carla, auction.id, 90 * M).expect(200);
    expect(await auctionOf(anna, auction.id)).toMatchObject({ highBid: 49.5 * M, highBidder: { userId: carla.user.id } });
  });

  it('races: many live bids at once against two maxima end where the rule says, nothing counted twice', async () => {
    const { league, managers, auction } = await lot(6);
    const [anna, bruno, carla, ...live] = managers;
    await setMax(carla, auction.id, 30 * M).expect(200);
    // Three managers fire live bids below both maxima, all at once, and Bruno sets his in the middle of it
    // (some live bids are refused as too low: that is the race).
    const amounts = Array.from({ length: 24 }, (_, i) => 6 * M + i * M);
    const racing = amounts.map((amount, i) => bid(live[i % live.length]!, auction.id, { amount }));
    const bruno40 = setMax(bruno, auction.id, 40 * M);
    const answers = await Promise.all(racing);
    expect((await bruno40).status).toBe(200);
    expect(answers.every((r) => r.status === 201 || (r.status === 422 && r.body.code === 'BID_TOO_LOW'))).toBe(true);
    // Bruno's maximum beats every live bid and Carla's: he leads at Carla's 30M + the raise.
    expect(await auctionOf(anna, auction.id)).toMatchObject({ highBid: 30.5 * M, highBidder: { userId: bruno.user.id } });
    const bids = (await events(anna, league.id)).filter((e) => e.type === 'bid.accepted').map((e) => Number(e.data.amount));
    for (let i = 1; i < bids.length; i += 1) expect(bids[i]).toBeGreaterThan(bids[i - 1]!);
    const { body: view } = await api.http().get(`/api/v1/leagues/${league.id}`).set(auth(anna)).expect(200);
    const total = view.managers.reduce((sum: number, m: { committed: number }) => sum + m.committed, 0);
    expect(total).toBe(30.5 * M);
  });
});
