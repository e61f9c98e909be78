/**
 * What the tab shows instead of a unit's view when the unit its address names is unknown, or one the person may not
 * read (issue 14): a clear page, not an error from the first request that fails. The server refuses the unit's
 * data either way (403 forbidden); this page only says so before asking.
 */
import { Body1, Link, makeStyles, tokens } from '@fluentui/react-components';
import { PageHeading } from '../components/PageHeading.js';
import { useI18n } from '../i18n/i18n.js';
import { hrefOf, useRouter } from '../routing/router.js';
import { useSession } from './session.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '640px' },
});

export function UnitUnreadable() {
  const styles = useStyles();
  const { s, f } = useI18n();
  const { navigate } = useRouter();
  const { unitId } = useSession();
  // The start: the board of the tab's own unit (the channel's, else the default), which names no unit.
  const start = { name: 'board' } as const;
  return (
    <section className={styles.root} data-testid="unit-unreadable">
      <PageHeading>{s.unitNav.unreadableHeading}</PageHeading>
      <Body1>{f(s.unitNav.unreadable, { unit: unitId ?? '' })}</Body1>
      <Body1>{s.unitNav.unreadableHelp}</Body1>
      <Link
        href={hrefOf(start)}
        onClick={(event) => {
          event.preventDefault();
          navigate(start, { tabUnit: true });
        }}
      >
        {s.unitNav.toStart}
      </Link>
    </section>
  );
}
