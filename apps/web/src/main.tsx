import { render } from 'preact';
import './styles.css';
import { signOut } from './api.js';
import { sessionNotice, useSession } from './session.js';
import { navigate, onLink, usePath } from './router.js';
import { AuthScreen } from './screens/Auth.js';
import { LeaguesScreen } from './screens/Leagues.js';
import { CreateLeagueScreen } from './screens/CreateLeague.js';
import { JoinScreen } from './screens/Join.js';
import { PlayersScreen } from './screens/Players.js';
import { HeldReportsScreen } from './screens/HeldReports.js';
import { NewsScreen } from './screens/News.js';
import { RoomScreen } from './room/Room.js';
import { AuctionLogScreen } from './screens/AuctionLog.js';
import { MarketScreen } from './screens/Market.js';
import { FeedsScreen } from './screens/Feeds.js';

/** Which screen a path shows; signed out, every route first asks to sign in, then carries on. */
function Screen({ path }: { path: string }) {
  const join = /^\/join\/([^/]+)\/?$/.exec(path);
  const league = /^\/leagues\/([0-9a-f-]{36})\/?$/i.exec(path);
  const log = /^\/leagues\/([0-9a-f-]{36})\/log\/?$/i.exec(path);
  const market = /^\/leagues\/([0-9a-f-]{36})\/market\/?$/i.exec(path);
  if (join) return <JoinScreen code={decodeURIComponent(join[1]!)} />;
  if (league) return <RoomScreen key={league[1]!} leagueId={league[1]!} />;
  if (log) return <AuctionLogScreen key={log[1]!} leagueId={log[1]!} />;
  if (market) return <MarketScreen key={market[1]!} leagueId={market[1]!} />;
  if (path === '/leagues/new') return <CreateLeagueScreen />;
  if (path === '/players') return <PlayersScreen />;
  if (path === '/admin/reports') return <HeldReportsScreen />;
  if (path === '/admin/news') return <NewsScreen />;
  if (path === '/admin/feeds') return <FeedsScreen />;
  return <LeaguesScreen />;
}

function App() {
  const session = useSession();
  const path = usePath();
  const joining = path.startsWith('/join/');
  return (
    <>
      <header class="topbar">
        <a class="brand" href="/" onClick={onLink}>
          Fantamercato
        </a>
        {session && (
          <nav aria-label="Main">
            <a href="/" onClick={onLink} aria-current={path === '/' ? 'page' : undefined}>
              Leagues
            </a>
            <a href="/players" onClick={onLink} aria-current={path === '/players' ? 'page' : undefined}>
              Players
            </a>
            {session.user.role === 'admin' && (
              <>
                <a href="/admin/news" onClick={onLink} aria-current={path === '/admin/news' ? 'page' : undefined}>
                  News
                </a>
                <a href="/admin/feeds" onClick={onLink} aria-current={path === '/admin/feeds' ? 'page' : undefined}>
                  Feeds
                </a>
                <a href="/admin/reports" onClick={onLink} aria-current={path === '/admin/reports' ? 'page' : undefined}>
                  Review
                </a>
              </>
            )}
            <button
              type="button"
              class="link"
              onClick={() => {
                signOut();
                navigate('/');
              }}
            >
              Sign out
            </button>
          </nav>
        )}
      </header>
      <main id="main">
        {session ? (
          <Screen path={path} />
        ) : (
          <AuthScreen
            note={sessionNotice() || (joining ? 'Sign in or create an account to join the league you were invited to.' : undefined)}
          />
        )}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
