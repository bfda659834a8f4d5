// The ministry moves report deadlines and reminds of overdue reports: a later due date with a reason (a modal form in
// the NL Design System's dialog pattern), and REPORT_OVERDUE once more, for one report or for every one of a year.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { extendReportDeadline } from '../api';
import { date } from '../format';
import { useSubmission } from '../submission';
import { Alert, Button, Field, P, textboxClass } from '../ui';

interface Extending {
  applicationId: string;
  municipalityName: string;
  year: number;
  /** The current due date, YYYY-MM-DD. */
  due: string;
}

/**
 * "Termijn verlengen": a modal dialog with the new date and the reason. The page behind it is inert, Escape and
 * "Annuleren" close it without change, focus returns to the button that opened it; `onDone` gets the new date.
 */
export function ExtendDialog({ extending, onClose, onDone }: { extending: Extending; onClose: () => void; onDone: (dueDate: string) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const id = useId();
  const [dueDate, setDueDate] = useState('');
  const [reason, setReason] = useState('');
  const { busy, errors, failure, refuse, send } = useSubmission();

  useEffect(() => {
    const d = dialog.current!;
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    d.showModal();
    return () => {
      if (d.open) d.close();
    };
  }, []);

  function closed() {
    const back = opener.current;
    if (back?.isConnected) back.focus();
    onClose();
  }

  async function submit(e: Event) {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!dueDate) local.dueDate = 'Kies de nieuwe uiterste datum.';
    else if (dueDate <= extending.due) local.dueDate = `Kies een datum na de huidige termijn (${date(extending.due)}).`;
    if (!reason.trim()) local.reason = 'Schrijf op waarom de termijn wordt verlengd; de gemeente krijgt deze reden te zien.';
    if (Object.keys(local).length > 0) {
      refuse(local);
      return;
    }
    await send(() => extendReportDeadline(extending.applicationId, extending.year, dueDate, reason.trim()), () => {
      onDone(dueDate);
      dialog.current?.close();
    });
  }

  return (
    <dialog ref={dialog} class="utrecht-alert-dialog confirm-dialog" aria-labelledby={`${id}-titel`} aria-describedby={`${id}-tekst`}
      onClose={closed}>
      <form class="utrecht-alert-dialog__message confirm-dialog__message" onSubmit={submit} noValidate>
        <h2 class="utrecht-heading-2" id={`${id}-titel`}>Termijn verlengen: verantwoording {extending.year}</h2>
        <div class="confirm-dialog__body" id={`${id}-tekst`}>
          <P>De huidige uiterste datum voor de verantwoording {extending.year} van {extending.municipalityName} is {date(extending.due)}.</P>
          <P>
            Na de verlenging volgen de herinnering (30 dagen vooraf) en de aanmaning de nieuwe datum; een openstaande aanmaning
            vervalt tot de dag erna. De gemeente krijgt direct bericht, met uw reden.
          </P>
        </div>
        {failure && <Alert type="error"><P>{failure}</P></Alert>}
        <Field id={`${id}-datum`} label="Nieuwe uiterste datum" error={errors.dueDate}>
          {(aria) => <input {...aria} type="date" class={textboxClass(!!errors.dueDate, 'short')} min={extending.due}
            value={dueDate} onInput={(e) => setDueDate(e.currentTarget.value)} />}
        </Field>
        <Field id={`${id}-reden`} label="Reden van de verlenging" error={errors.reason}>
          {(aria) => <textarea {...aria} class="utrecht-textarea utrecht-textarea--html-textarea" rows={3} value={reason}
            onInput={(e) => setReason(e.currentTarget.value)} />}
        </Field>
        <div class="utrecht-button-group confirm-dialog__buttons">
          <Button type="submit" busy={busy}>Termijn verlengen</Button>
          <button type="button" class="utrecht-button utrecht-button--secondary-action" onClick={() => dialog.current?.close()}>Annuleren</button>
        </div>
      </form>
    </dialog>
  );
}
