/** One control point on the board: the two levels side by side, the unit's latest status and the plan. */
import { Badge, Link, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Star16Filled, Warning16Filled } from '@fluentui/react-icons';
import type { Scale } from '../../../../src/domain/scale.js';
import type { ControlPointSummary } from '../../../../src/domain/views.js';
import { LevelMeter } from '../../components/LevelMeter.js';
import { useI18n } from '../../i18n/i18n.js';
import { useHref, useLinkClick } from '../../routing/router.js';

const useStyles = makeStyles({
  // A plain element styled like a Fluent Card: twelve of them render on the first paint, so they stay light.
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    height: '100%',
    boxSizing: 'border-box',
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    boxShadow: tokens.shadow4,
    border: `1px solid ${tokens.colorTransparentStroke}`,
  },
  caption: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  head: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  number: {
    flexShrink: 0,
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    minWidth: '28px',
    height: '28px',
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground2,
    fontWeight: tokens.fontWeightSemibold,
  },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
    flexGrow: 1,
  },
  badges: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  meters: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  facts: { display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: tokens.spacingHorizontalM, rowGap: '2px', margin: 0 },
  term: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  def: { margin: 0, fontSize: tokens.fontSizeBase200 },
  overdueDef: {
    margin: 0,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorPaletteRedForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  counts: { color: tokens.colorNeutralForeground2, marginTop: 'auto' },
});

export function ControlPointCard({ cp, scale, focusYear }: { cp: ControlPointSummary; scale: Scale; focusYear: number | null }) {
  const styles = useStyles();
  const { s, f, date } = useI18n();
  const route = { name: 'detail', number: cp.number } as const;
  const onClick = useLinkClick(route);
  const href = useHref(route);
  const titleId = `cp-${cp.number}-title`;
  return (
    <div className={styles.card} role="listitem" aria-labelledby={titleId} data-testid={`cp-${cp.number}`}>
      <div className={styles.head}>
        <span className={styles.number} aria-hidden>
          {cp.number}
        </span>
        <h2 className={styles.title} id={titleId}>
          <Link href={href} onClick={onClick} aria-label={`${f(s.controlPoint, { number: cp.number })}: ${cp.title}`}>
            {cp.title}
          </Link>
        </h2>
      </div>
      {(cp.focus || cp.overdue) && (
        <div className={styles.badges}>
          {cp.focus && (
            <Badge appearance="tint" color="brand" icon={<Star16Filled />}>
              {focusYear ? f(s.focus, { year: focusYear }) : s.focusShort}
            </Badge>
          )}
          {cp.overdue && (
            <Badge appearance="tint" color="danger" icon={<Warning16Filled />} title={s.overdueLong}>
              {s.overdue}
            </Badge>
          )}
        </div>
      )}
      <div className={styles.meters}>
        <LevelMeter
          who={s.dpoRow}
          kind="dpo"
          level={cp.dpo?.level ?? null}
          interpreted={cp.dpo?.interpreted ?? false}
          scale={scale}
          emptyText={s.notAssessed}
        />
        <LevelMeter who={s.unitRow} kind="unit" level={cp.unitLevel} scale={scale} emptyText={s.noUnitLevel} />
      </div>
      <dl className={styles.facts}>
        <dt className={styles.term}>{s.statusDate}</dt>
        <dd className={styles.def}>{cp.unitStatus ? date(cp.unitStatus.statusDate) : s.noStatus}</dd>
        <dt className={styles.term}>{s.workPackage}</dt>
        <dd className={styles.def}>{cp.workPackages.length ? cp.workPackages.map((wp) => wp.name).join(', ') : s.noWorkPackage}</dd>
        <dt className={styles.term}>{s.expectedEnd}</dt>
        <dd className={cp.overdue ? styles.overdueDef : styles.def}>
          {cp.expectedEnd ? date(cp.expectedEnd) : s.noExpectedEnd}
          {cp.overdue ? ` · ${s.overdue}` : ''}
        </dd>
      </dl>
      <span className={mergeClasses(styles.caption, styles.counts)}>{f(s.activitiesCount, cp.activities)}</span>
    </div>
  );
}
