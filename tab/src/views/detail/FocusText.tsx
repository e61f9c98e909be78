/**
 * What the report's focus slide says about a control point where it differs from the control point's own slide
 * (control point 7: the report's lines 145–158), labelled as coming from the focus slide.
 */
import { Body1, Caption1, Card, makeStyles, tokens } from '@fluentui/react-components';
import type { ControlPointDetail } from '../../../../src/domain/views.js';
import { usePageStyles } from '../../components/pageStyles.js';
import { useI18n } from '../../i18n/i18n.js';

const useStyles = makeStyles({
  lines: { margin: 0, paddingLeft: '1.2em', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
});

export function FocusText({ texts }: { texts: ControlPointDetail['focusTexts'] }) {
  const page = usePageStyles();
  const styles = useStyles();
  const { s, f } = useI18n();
  if (texts.length === 0) return null;
  return (
    <Card className={page.section} data-testid="focus-text">
      <h2 className={page.h2}>{s.focusTextHeading}</h2>
      {texts.map((t) => (
        <section key={t.focusYear} aria-label={`${s.focusTextHeading} ${t.focusYear}`}>
          <Caption1 className={page.muted} style={{ display: 'block' }}>
            {f(s.focusTextSource, { year: t.focusYear })}
          </Caption1>
          <ul className={styles.lines}>
            {t.text.split('\n').map((line, i) => (
              <li key={i}>
                <Body1>{line}</Body1>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Card>
  );
}
