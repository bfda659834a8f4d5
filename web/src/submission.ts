// Sending a form or an action to the API: busy while it runs, then the problem's field errors and message, if refused.
import { useState } from 'preact/hooks';
import { fieldErrors, message } from './errors';

export interface Submission {
  busy: boolean;
  errors: Record<string, string>;
  failure: string | null;
  /** Shows errors found before sending; nothing is sent. */
  refuse: (errors: Record<string, string>) => void;
  /** Clears what an earlier attempt showed, sends, then calls `done`; a refusal shows its field errors and message. */
  send: (request: () => Promise<unknown>, done: () => void) => Promise<void>;
}

export function useSubmission(): Submission {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  return {
    busy,
    errors,
    failure,
    refuse: (local) => {
      setFailure(null);
      setErrors(local);
    },
    send: async (request, done) => {
      setErrors({});
      setFailure(null);
      setBusy(true);
      try {
        await request();
        done();
      } catch (err) {
        setErrors(fieldErrors(err));
        setFailure(message(err));
      } finally {
        setBusy(false);
      }
    },
  };
}
