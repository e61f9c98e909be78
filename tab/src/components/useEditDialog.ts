/**
 * The life of an edit dialog over a draft: open or closed, the draft (taken from what is stored each time the
 * dialog opens, unless the last save failed: then what was typed stays), whether the checks show (from the first
 * Save on), and the save itself: check, send under one Idempotency-Key (useSubmit), then close and reload, or on a
 * conflict forget the version and reload (settleSave). One place for the activity, action-plan item, instruction
 * and unit dialogs.
 */
import { useState, type FormEvent } from 'react';
import { settleSave, useSubmit, type Submit } from '../views/detail/useSubmit.js';

export interface EditDialog<D> {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  draft: D;
  set: (patch: Partial<D>) => void;
  /** Errors in the fields show once the person has tried to save. */
  showChecks: boolean;
  submit: Submit;
  /**
   * The form's submit: shows the checks; when the input is `ok`, sends `fields` with `write` (the fields are what
   * identifies a retry of the same submission).
   */
  save: (event: FormEvent, ok: boolean, fields: unknown, write: (key: string) => Promise<unknown>) => Promise<void>;
}

/** `draftOf` reads the draft from what is stored; `onSaved` reloads what is behind the dialog. */
export function useEditDialog<D extends { version: number | null }>(draftOf: () => D, onSaved: () => void): EditDialog<D> {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<D>(draftOf);
  const [showChecks, setShowChecks] = useState(false);
  const submit = useSubmit();
  const set = (patch: Partial<D>) => setDraft((d) => ({ ...d, ...patch }));

  const onOpenChange = (next: boolean) => {
    if (next && !submit.error) setDraft(draftOf()); // reopened after a save: start from what is stored
    setOpen(next);
  };

  const save: EditDialog<D>['save'] = async (event, ok, fields, write) => {
    event.preventDefault();
    setShowChecks(true);
    if (!ok) return;
    const failure = await submit.run(fields, write);
    // The version the person started from: a change made meanwhile elsewhere is a conflict, not overwritten.
    settleSave(failure, { close: () => setOpen(false), forgetVersion: () => setDraft((d) => ({ ...d, version: null })), reload: onSaved });
  };

  return { open, onOpenChange, draft, set, showChecks, submit, save };
}
