/** The page frame: skip link, header with navigation and identity, and the routed view. */
import { makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { lazy, Suspense } from 'react';
import { Header } from '../components/Header.js';
import { ErrorBar } from '../components/ErrorBar.js';
import { ConsentBar } from '../components/ConsentBar.js';
import { DataAsOf } from '../components/DataAsOf.js';
import { ApiError, CONSENT_REQUIRED } from '../api/client.js';
import type { Host, ThemeName } from '../host/host.js';
import { useI18n } from '../i18n/i18n.js';
import { isUnitRoute, useRouter } from '../routing/router.js';
import { BoardPage } from '../views/BoardPage.js';
import type { Prefs } from './prefs.js';
import { useSession } from './session.js';
import { UnitUnreadable } from './UnitUnreadable.js';
import { useStartView } from './start.js';

const DetailPage = lazy(() => import('../views/DetailPage.js'));
const ActionPlanPage = lazy(() => import('../views/ActionPlanPage.js'));
const ConfigPage = lazy(() => import('../views/ConfigPage.js'));
const ScaleSetupPage = lazy(() => import('../views/ScaleSetupPage.js'));
const AboutDataPage = lazy(() => import('../views/AboutDataPage.js'));
const MeetingPage = lazy(() => import('../views/meeting/MeetingPage.js'));
const StagePage = lazy(() => import('../views/meeting/StageView.js'));
const CityPage = lazy(() => import('../views/CityPage.js'));
const UnitsAdminPage = lazy(() => import('../views/UnitsAdminPage.js'));

const useStyles = makeStyles({
  root: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground1 },
  skip: {
    position: 'absolute',
    left: '-10000px',
    top: 'auto',
    ':focus': {
      left: tokens.spacingHorizontalM,
      top: tokens.spacingVerticalS,
      zIndex: 100,
      padding: tokens.spacingHorizontalS,
      backgroundColor: tokens.colorNeutralBackground1,
      color: tokens.colorBrandForegroundLink,
      outline: `2px solid ${tokens.colorStrokeFocus2}`,
    },
  },
  main: {
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    maxWidth: '1400px',
    margin: '0 auto',
    outline: 'none',
    '@media (max-width: 600px)': { padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}` },
  },
});

export interface ShellProps {
  host: Host;
  prefs: Prefs;
  setPrefs: (next: Partial<Prefs>) => void;
  themeName: ThemeName;
}

export function Shell({ host, prefs, setPrefs, themeName }: ShellProps) {
  const styles = useStyles();
  const { s } = useI18n();
  const { route } = useRouter();
  const { loadError, retrySignIn, unitStatus } = useSession();
  // Only a unit's views wait for their unit; the city, the configuration page and the units page show at once.
  const gate = isUnitRoute(route) ? unitStatus : 'ready';
  useStartView(host);
  const needsConsent = loadError instanceof ApiError && loadError.code === CONSENT_REQUIRED && Boolean(host.authenticate);
  // The configuration page and the meeting's side panel and stage are framed by Teams without our header.
  const bare = route.name === 'config' || route.name === 'meeting' || route.name === 'stage';
  return (
    <div className={styles.root}>
      <a href="#main" className={styles.skip}>
        {s.skipToContent}
      </a>
      {!bare && <Header host={host} prefs={prefs} setPrefs={setPrefs} themeName={themeName} />}
      <DataAsOf />
      <main id="main" className={styles.main} tabIndex={-1}>
        {needsConsent && host.authenticate ? (
          <ConsentBar authenticate={host.authenticate} onConsented={retrySignIn} />
        ) : (
          loadError && <ErrorBar error={loadError} />
        )}
        {gate === 'unreadable' && <UnitUnreadable />}
        {gate === 'resolving' && <Spinner label={s.loading} />}
        {gate === 'ready' && <RoutedView host={host} />}
      </main>
    </div>
  );
}

/** The view the route names, once its unit is known and readable. */
function RoutedView({ host }: { host: Host }) {
  const { s } = useI18n();
  const { route } = useRouter();
  return (
    <Suspense fallback={<Spinner label={s.loading} />}>
      {route.name === 'board' && <BoardPage />}
      {route.name === 'detail' && <DetailPage number={route.number} />}
      {route.name === 'plan' && <ActionPlanPage />}
      {route.name === 'config' && <ConfigPage host={host} />}
      {route.name === 'scale' && <ScaleSetupPage />}
      {route.name === 'about' && <AboutDataPage />}
      {route.name === 'meeting' && <MeetingPage host={host} />}
      {route.name === 'stage' && <StagePage number={route.number} />}
      {route.name === 'city' && <CityPage />}
      {route.name === 'units' && <UnitsAdminPage />}
      {route.name === 'notFound' && <p>{s.notFoundPage}</p>}
    </Suspense>
  );
}
