import { lazy, Suspense } from 'react';
import { useCall, useChangeEvents } from './api.js';
import { Loading } from './components/ui.js';
import { hrefOf, useRoute, type Route } from './router.js';
import { ApprovalsScreen } from './screens/approvals/ApprovalsScreen.js';
import { InboxScreen } from './screens/inbox/InboxScreen.js';
import { LeadScreen } from './screens/lead/LeadScreen.js';
import { PrepScreen } from './screens/prep/PrepScreen.js';
import { SettingsScreen } from './screens/settings/SettingsScreen.js';
import { useMenuCommands } from './menu.js';

// Charts and the rules editor load on first use, so the inbox starts with less to parse.
const MetricsScreen = lazy(() =>
  import('./screens/metrics/MetricsScreen.js').then((m) => ({ default: m.MetricsScreen })),
);
const KnowledgeScreen = lazy(() =>
  import('./screens/knowledge/KnowledgeScreen.js').then((m) => ({ default: m.KnowledgeScreen })),
);
const RulesScreen = lazy(() => import('./screens/rules/RulesScreen.js').then((m) => ({ default: m.RulesScreen })));

const NAV: Array<{ route: Route; label: string }> = [
  { route: { screen: 'inbox' }, label: 'Inbox' },
  { route: { screen: 'approvals' }, label: 'Approvals' },
  { route: { screen: 'rules' }, label: 'Rules' },
  { route: { screen: 'prep', id: null }, label: 'Meeting prep' },
  { route: { screen: 'metrics' }, label: 'Metrics' },
  { route: { screen: 'knowledge' }, label: 'Knowledge' },
  { route: { screen: 'settings' }, label: 'Settings' },
];

function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'inbox':
      return <InboxScreen />;
    case 'lead':
      return <LeadScreen id={route.id} />;
    case 'approvals':
      return <ApprovalsScreen />;
    case 'rules':
      return <RulesScreen />;
    case 'prep':
      return <PrepScreen id={route.id} />;
    case 'metrics':
      return <MetricsScreen />;
    case 'knowledge':
      return <KnowledgeScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}

/** The shell: navigation on the left, one screen on the right. */
export function App() {
  const route = useRoute();
  useChangeEvents();
  useMenuCommands();
  const open = useCall('proposals.list', { status: 'open', limit: 1000 });
  const info = useCall('app.info', {});
  const active = route.screen === 'lead' ? 'inbox' : route.screen;
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            SC
          </span>
          Sales Copilot
        </div>
        <div className="nav">
          {NAV.map((n) => (
            <a key={n.label} href={hrefOf(n.route)} aria-current={active === n.route.screen ? 'page' : undefined}>
              {n.label}
              {n.route.screen === 'approvals' && open.data?.length ? (
                <span className="count" aria-label={`${open.data.length} open`}>
                  {open.data.length}
                </span>
              ) : null}
            </a>
          ))}
        </div>
        <div className="sidebar-foot muted">
          {info.data ? `${info.data.lead_count.toLocaleString()} leads · v${info.data.version}` : ' '}
          <br />
          {info.data?.host === 'electron' ? 'Desktop' : 'Browser mode · local only'}
        </div>
      </nav>
      <main className="main" id="main">
        <Suspense
          fallback={
            <div className="page">
              <Loading />
            </div>
          }
        >
          <Screen route={route} />
        </Suspense>
      </main>
    </div>
  );
}
