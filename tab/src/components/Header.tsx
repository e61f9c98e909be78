/**
 * The header: app name and unit, the unit switcher (issue 14), the views, live status, who you are (and the demo user
 * switcher), settings. The city view is in the navigation for someone who may read more than one unit.
 */
import {
  Avatar,
  Button,
  Caption1,
  makeStyles,
  Menu,
  MenuGroup,
  MenuGroupHeader,
  MenuItemRadio,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MenuDivider,
  Tab,
  TabList,
  Text,
  tokens,
  type MenuProps,
} from '@fluentui/react-components';
import { Settings20Regular, ShieldCheckmark24Filled, Warning16Filled } from '@fluentui/react-icons';
import type { Prefs } from '../app/prefs.js';
import { isSignInFailure } from '../api/client.js';
import { useSession } from '../app/session.js';
import type { Host, ThemeName } from '../host/host.js';
import { SCALE_WORDS } from '../../../src/words/index.js';
import { useI18n } from '../i18n/i18n.js';
import { useRouter } from '../routing/router.js';
import { unitLabel } from '../../../src/domain/units.js';
import { UnitSwitcher } from './UnitSwitcher.js';

/** The views the header's navigation leads to (a unit's views stay in the unit shown: the router keeps it). */
const NAV_ROUTES = ['city', 'board', 'plan', 'scale', 'about', 'units'] as const;
type NavRoute = (typeof NAV_ROUTES)[number];
const useStyles = makeStyles({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalXL,
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    '@media (max-width: 600px)': { padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}` },
  },
  brand: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  brandIcon: { color: tokens.colorBrandForeground1 },
  brandText: { display: 'flex', flexDirection: 'column' },
  nav: { flexGrow: 1 },
  side: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  live: { color: tokens.colorNeutralForeground3 },
  offline: { color: tokens.colorPaletteRedForeground1, display: 'inline-flex', alignItems: 'center', gap: '4px' },
  who: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', textAlign: 'left' },
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
});

export interface HeaderProps {
  host: Host;
  prefs: Prefs;
  setPrefs: (next: Partial<Prefs>) => void;
  themeName: ThemeName;
}

export function Header({ host, prefs, setPrefs }: HeaderProps) {
  const styles = useStyles();
  const { s, f, time, locale } = useI18n();
  const { route, navigate } = useRouter();
  const { board, live, units, me } = useSession();
  const selected: NavRoute = NAV_ROUTES.find((n) => n === route.name) ?? 'board';
  const severalUnits = (units?.length ?? 0) > 1;
  // The units page, for someone who manages units somewhere (the server decides each write).
  const managesUnits = Object.values(me?.permissionsByUnit ?? {}).some((p) => p.includes('manageUnits'));
  // The city and the units page show no one unit: the header names the page instead.
  const pageName = route.name === 'city' ? s.city.nav : route.name === 'units' ? s.unitsAdmin.nav : null;
  const where = [host.teams?.teamName, host.teams?.channelName].filter(Boolean).join(' › ');
  return (
    <header className={styles.header}>
      <div className={styles.brand}>
        <ShieldCheckmark24Filled className={styles.brandIcon} aria-hidden />
        <div className={styles.brandText}>
          <Text weight="semibold" size={400}>
            {s.appName}
          </Text>
          <Caption1>
            {pageName ?? (board ? `${board.unit.organisation} · ${unitLabel(board.unit, locale)} · ${board.year}` : s.loading)}
            {where ? ` · ${f(s.inTeams, { where })}` : ''}
          </Caption1>
        </div>
      </div>
      <nav aria-label={s.navLabel} className={styles.nav}>
        <TabList selectedValue={selected} onTabSelect={(_, data) => navigate({ name: data.value as NavRoute })}>
          {severalUnits && <Tab value="city">{s.city.nav}</Tab>}
          <Tab value="board">{s.navBoard}</Tab>
          <Tab value="plan">{s.navPlan}</Tab>
          <Tab value="scale">{SCALE_WORDS[locale].setupTitle}</Tab>
          <Tab value="about">{SCALE_WORDS[locale].aboutTitle}</Tab>
          {managesUnits && <Tab value="units">{s.unitsAdmin.nav}</Tab>}
        </TabList>
      </nav>
      <UnitSwitcher />
      <div className={styles.side}>
        {/* Only losing (and regaining) the connection is announced; the time of the last check is not. */}
        <div aria-live="polite">
          {live && !live.ok && !isSignInFailure(live.error) && (
            <Caption1 className={styles.offline}>
              <Warning16Filled aria-hidden />
              {s.liveOffline}
            </Caption1>
          )}
        </div>
        {live?.ok && <Caption1 className={styles.live}>{f(s.liveUpdated, { time: time(live.checkedAt) })}</Caption1>}
        <UserMenu />
        {host.kind === 'browser' && <SettingsMenu prefs={prefs} setPrefs={setPrefs} />}
      </div>
    </header>
  );
}

function roleNames(roles: readonly string[], names: Record<string, string>): string {
  return roles.map((r) => names[r] ?? r).join(', ');
}

function UserMenu() {
  const styles = useStyles();
  const { s, f } = useI18n();
  const { me, session, demoUserId, switchDemoUser } = useSession();
  const users = session.demo?.users ?? [];
  const current = users.find((u) => u.id === demoUserId);
  const name = me?.displayName ?? current?.displayName ?? '…';
  const roles = roleNames(me?.roles ?? current?.roles ?? [], s.roles);
  const face = (
    <>
      <Avatar name={name} size={28} aria-hidden />
      <span className={styles.who}>
        <Text size={200} weight="semibold">
          {name}
        </Text>
        <Caption1>{roles}</Caption1>
      </span>
    </>
  );
  if (users.length === 0)
    return (
      <div className={styles.brand} aria-label={f(s.signedInAs, { name })}>
        {face}
      </div>
    );
  const onChange: MenuProps['onCheckedValueChange'] = (_, data) => {
    const id = data.checkedItems[0];
    if (id) switchDemoUser(id);
  };
  return (
    <Menu checkedValues={{ user: demoUserId ? [demoUserId] : [] }} onCheckedValueChange={onChange}>
      <MenuTrigger disableButtonEnhancement>
        <Button appearance="subtle" title={s.switchUser} data-testid="user-switcher">
          {face}
          <span className={styles.hidden}>{`, ${s.switchUser}`}</span>
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuGroup>
            <MenuGroupHeader>{s.switchUser}</MenuGroupHeader>
            {users.map((u) => (
              <MenuItemRadio key={u.id} name="user" value={u.id} secondaryContent={roleNames(u.roles, s.roles)}>
                {u.displayName}
              </MenuItemRadio>
            ))}
          </MenuGroup>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

function SettingsMenu({ prefs, setPrefs }: { prefs: Prefs; setPrefs: (next: Partial<Prefs>) => void }) {
  const { s } = useI18n();
  const onChange: MenuProps['onCheckedValueChange'] = (_, data) => {
    const value = data.checkedItems[0];
    if (data.name === 'locale' && (value === 'auto' || value === 'sv' || value === 'en')) setPrefs({ locale: value });
    if (data.name === 'theme' && (value === 'auto' || value === 'light' || value === 'dark' || value === 'contrast'))
      setPrefs({ theme: value });
  };
  return (
    <Menu checkedValues={{ locale: [prefs.locale], theme: [prefs.theme] }} onCheckedValueChange={onChange}>
      <MenuTrigger disableButtonEnhancement>
        <Button appearance="subtle" icon={<Settings20Regular />} aria-label={s.settings} title={s.settings} />
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuGroup>
            <MenuGroupHeader>{s.language}</MenuGroupHeader>
            <MenuItemRadio name="locale" value="auto">
              {s.themeAuto}
            </MenuItemRadio>
            <MenuItemRadio name="locale" value="sv" lang="sv">
              Svenska
            </MenuItemRadio>
            <MenuItemRadio name="locale" value="en" lang="en">
              English
            </MenuItemRadio>
          </MenuGroup>
          <MenuDivider />
          <MenuGroup>
            <MenuGroupHeader>{s.theme}</MenuGroupHeader>
            <MenuItemRadio name="theme" value="auto">
              {s.themeAuto}
            </MenuItemRadio>
            <MenuItemRadio name="theme" value="light">
              {s.themeLight}
            </MenuItemRadio>
            <MenuItemRadio name="theme" value="dark">
              {s.themeDark}
            </MenuItemRadio>
            <MenuItemRadio name="theme" value="contrast">
              {s.themeContrast}
            </MenuItemRadio>
          </MenuGroup>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
