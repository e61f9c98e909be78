/**
 * The shell of every edit dialog: its trigger, a form with a title, the server's error above the
 * fields, and the footer (Cancel / Save unless the dialog brings its own actions).
 */
import { Dialog, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger } from '@fluentui/react-components';
import type { FormEvent, ReactElement, ReactNode } from 'react';
import type { Submit } from '../views/detail/useSubmit.js';
import { ErrorBar } from './ErrorBar.js';
import { SaveActions } from './SaveActions.js';

export interface FormDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  trigger: ReactElement;
  title: string;
  onSubmit: (event: FormEvent) => Promise<void>;
  submit: Pick<Submit, 'busy' | 'error' | 'clearError'>;
  /** The fields' layout (the form style of the dialog). */
  className: string;
  /** Shown above the error and the fields. */
  intro?: ReactNode;
  /** The footer; Cancel / Save by default. */
  actions?: ReactNode;
  children: ReactNode;
}

export function FormDialog({ open, onOpenChange, trigger, title, onSubmit, submit, className, intro, actions, children }: FormDialogProps) {
  return (
    <Dialog open={open} onOpenChange={(_, data) => onOpenChange(data.open)}>
      <DialogTrigger disableButtonEnhancement>{trigger}</DialogTrigger>
      <DialogSurface aria-describedby={undefined}>
        <form onSubmit={(event) => void onSubmit(event)}>
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent className={className}>
              {intro}
              {submit.error && <ErrorBar error={submit.error} onDismiss={() => submit.clearError()} />}
              {children}
            </DialogContent>
            {actions ?? <SaveActions busy={submit.busy} />}
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
