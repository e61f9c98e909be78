/**
 * Archive a unit, or restore an archived one, after a confirmation that says what it means: an archived unit keeps
 * every record and refuses every change until it is restored (PATCH /api/units/:id { archived } under its version).
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
} from '@fluentui/react-components';
import { Archive16Regular, ArrowUndo16Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { Unit } from '../../../../src/domain/model.js';
import { useSession } from '../../app/session.js';
import { ErrorBar } from '../../components/ErrorBar.js';
import { useI18n } from '../../i18n/i18n.js';
import { settleSave, useSubmit } from '../detail/useSubmit.js';

export function ArchiveDialog({ unit, onSaved }: { unit: Unit; onSaved: () => void }) {
  const { s, f } = useI18n();
  const t = s.unitsAdmin;
  const { client } = useSession();
  const submit = useSubmit();
  const [open, setOpen] = useState(false);
  const restoring = unit.archived;
  const name = unit.name;

  const onConfirm = async () => {
    const body = { archived: !restoring, version: unit.version };
    const failure = await submit.run(body, (key) => client.write('PATCH', `/api/units/${encodeURIComponent(unit.id)}`, body, key));
    settleSave(failure, { close: () => setOpen(false), forgetVersion: () => undefined, reload: onSaved });
  };

  return (
    <Dialog open={open} onOpenChange={(_, d) => setOpen(d.open)}>
      <DialogTrigger disableButtonEnhancement>
        {/* The visible word begins the accessible name (WCAG 2.5.3), which names the unit. */}
        <Button
          appearance="subtle"
          icon={restoring ? <ArrowUndo16Regular /> : <Archive16Regular />}
          aria-label={f(restoring ? t.restoreLabel : t.archiveLabel, { unit: name })}
        >
          {restoring ? t.restore : t.archive}
        </Button>
      </DialogTrigger>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{f(restoring ? t.restoreTitle : t.archiveTitle, { unit: name })}</DialogTitle>
          <DialogContent>
            {submit.error && <ErrorBar error={submit.error} onDismiss={() => submit.clearError()} />}
            <p>{restoring ? t.restoreText : t.archiveText}</p>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={submit.busy} onClick={() => void onConfirm()}>
              {restoring ? t.restore : t.archive}
            </Button>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary">{s.cancel}</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
