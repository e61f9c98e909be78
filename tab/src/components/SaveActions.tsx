/** The footer of every edit dialog: Cancel closes it, Save submits the form (and says "Sparar…" while busy). */
import { Button, DialogActions, DialogTrigger } from '@fluentui/react-components';
import { useI18n } from '../i18n/i18n.js';

export function SaveActions({ busy }: { busy: boolean }) {
  const { s } = useI18n();
  return (
    <DialogActions>
      <DialogTrigger disableButtonEnhancement>
        <Button>{s.cancel}</Button>
      </DialogTrigger>
      <Button type="submit" appearance="primary" disabled={busy}>
        {busy ? s.saving : s.save}
      </Button>
    </DialogActions>
  );
}
