// Small building blocks on the NL Design System's Utrecht CSS components.
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { euro, hours, label, STATUS, sum } from './format';
import { message } from './errors';
import { takeFlash } from './flash';

export function Heading({ level = 2, children, id }: { level?: 1 | 2 | 3 | 4; children: ComponentChildren; id?: string }) {
  const Tag = `h${level}` as 'h1';
  return <Tag id={id} class={`utrecht-heading-${level}`}>{children}</Tag>;
}

/** The page's own heading: takes focus after a navigation, so screen readers announce the new page. */
export function PageTitle({ children, title }: { children: ComponentChildren; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – SPUK Mantelzorg`;
    ref.current?.focus({ preventScroll: false });
  }, [title]);
  return <h1 ref={ref} tabIndex={-1} class="utrecht-heading-1 page-title">{children}</h1>;
}

export function P({ children, lead, small }: { children: ComponentChildren; lead?: boolean; small?: boolean }) {
  return <p class={`utrecht-paragraph${lead ? ' utrecht-paragraph--lead' : ''}${small ? ' utrecht-paragraph--small' : ''}`}>{children}</p>;
}

type ButtonProps = Omit<JSX.ButtonHTMLAttributes<HTMLButtonElement>, "type"> & {
  variant?: 'primary' | 'secondary' | 'subtle';
  busy?: boolean;
  type?: 'button' | 'submit';
};

export function Button({ variant = 'primary', busy, type = 'button', children, ...rest }: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      aria-busy={busy ? 'true' : undefined}
      class={`utrecht-button utrecht-button--${variant === 'primary' ? 'primary-action' : variant === 'secondary' ? 'secondary-action' : 'subtle'}${busy ? ' utrecht-button--busy' : ''}`}
    >
      {children}
    </button>
  );
}

export function ButtonGroup({ children }: { children: ComponentChildren }) {
  return <div class="utrecht-button-group utrecht-button-group--row">{children}</div>;
}

export function Link({ href, children, ...rest }: JSX.HTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return <a {...rest} href={href} class="utrecht-link utrecht-link--html-a">{children}</a>;
}

export function Alert({ type, children, live = true }: { type: 'info' | 'ok' | 'warning' | 'error'; children: ComponentChildren; live?: boolean }) {
  return (
    <div class={`utrecht-alert utrecht-alert--${type}`} role={live ? (type === 'error' ? 'alert' : 'status') : undefined}>
      <div class="utrecht-alert__content">
        <div class="utrecht-alert__message">{children}</div>
      </div>
    </div>
  );
}

/** A failed request in Dutch, or nothing. */
export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  return <Alert type="error"><p class="utrecht-paragraph">{message(error)}</p></Alert>;
}

interface FieldProps {
  id: string;
  label: ComponentChildren;
  description?: ComponentChildren;
  error?: string;
  children: (aria: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: 'true' }) => ComponentChildren;
}

/** A labelled form field with its description and its error message, wired with aria-describedby. */
export function Field({ id, label: text, description, error, children }: FieldProps) {
  const describedBy = [description ? `${id}-description` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`utrecht-form-field utrecht-form-field--text${error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={id}>{text}</label>
      </div>
      {description && <div class="utrecht-form-field__description utrecht-form-field-description" id={`${id}-description`}>{description}</div>}
      {error && <div class="utrecht-form-field__error-message utrecht-form-field-error-message" id={`${id}-error`}>{error}</div>}
      <div class="utrecht-form-field__input">
        {children({ id, 'aria-describedby': describedBy || undefined, 'aria-invalid': error ? 'true' : undefined })}
      </div>
    </div>
  );
}

export function textboxClass(invalid: boolean, extra = ''): string {
  return `utrecht-textbox utrecht-textbox--html-input${invalid ? ' utrecht-textbox--invalid' : ''}${extra ? ` ${extra}` : ''}`;
}

export function FieldError({ id, text }: { id: string; text?: string }) {
  if (!text) return null;
  return <div class="utrecht-form-field-error-message" id={id}>{text}</div>;
}

const STATUS_TONE: Record<string, string> = {
  DRAFT: 'neutral', SUBMITTED: 'active', IN_REVIEW: 'active', CHANGES_REQUESTED: 'warning', ADVISED: 'active',
  DECISION_PROPOSED: 'active', AWARDED: 'success', REJECTED: 'danger', REPORTING: 'active', SETTLED: 'success',
  WITHDRAWN: 'inactive',
};

export function StatusBadge({ status }: { status: string }) {
  return <span class={`utrecht-status-badge utrecht-status-badge--${STATUS_TONE[status] ?? 'neutral'}`}>{label(STATUS, status)}</span>;
}

/** The municipality's free advisory hours: used and remaining of the cap, as a meter with the numbers in text. */
export function HoursBar({ used, cap, id = 'uren' }: { used: number; cap: number; id?: string }) {
  const remaining = Math.max(0, cap - used);
  const percent = cap > 0 ? Math.min(100, (used / cap) * 100) : 0;
  return (
    <div class="hours">
      <div class="hours__label" id={`${id}-label`}>
        Gebruikt: <strong>{hours(used)}</strong> van {hours(cap)} uur · nog <strong>{hours(remaining)}</strong> uur over
      </div>
      <div
        class={`hours__bar${remaining === 0 ? ' hours__bar--full' : ''}`}
        role="meter"
        aria-labelledby={`${id}-label`}
        aria-valuemin={0}
        aria-valuemax={cap}
        aria-valuenow={used}
        aria-valuetext={`${hours(used)} van ${hours(cap)} uur gebruikt, ${hours(remaining)} over`}
      >
        <div class="hours__fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

export function ProgressBar({ fraction, labelId }: { fraction: number; labelId: string }) {
  const pct = Math.round(fraction * 100);
  return (
    <div class="progress" role="progressbar" aria-labelledby={labelId} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
      <div class="progress__fill" style={{ width: `${pct}%` }} />
    </div>
  );
}

export function DataList({ items }: { items: [ComponentChildren, ComponentChildren][] }) {
  return (
    <dl class="utrecht-data-list utrecht-data-list--rows">
      {items.map(([k, v], i) => (
        <div class="utrecht-data-list__item" key={i}>
          <dt class="utrecht-data-list__item-key">{k}</dt>
          <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export interface Column<T> {
  key: string;
  header: string;
  numeric?: boolean;
  render: (row: T) => ComponentChildren;
}

export function Table<T>({ caption, columns, rows, rowKey, empty }: {
  caption: ComponentChildren; columns: Column<T>[]; rows: T[]; rowKey: (row: T) => string; empty?: string;
}) {
  return (
    <div class="utrecht-table-container utrecht-table-container--overflow-inline" tabIndex={0} role="region" aria-label={typeof caption === 'string' ? caption : undefined}>
      <table class="utrecht-table utrecht-table--html-table">
        <caption class="utrecht-table__caption">{caption}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {columns.map((c) => (
              <th key={c.key} scope="col" class={`utrecht-table__header-cell${c.numeric ? ' utrecht-table__header-cell--numeric-column' : ''}`}>{c.header}</th>
            ))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {rows.length === 0 && (
            <tr class="utrecht-table__row"><td class="utrecht-table__cell" colSpan={columns.length}>{empty ?? 'Geen gegevens.'}</td></tr>
          )}
          {rows.map((row) => (
            <tr class="utrecht-table__row" key={rowKey(row)}>
              {columns.map((c) => (
                <td key={c.key} class={`utrecht-table__cell${c.numeric ? ' utrecht-table__cell--numeric-data' : ''}`}>{c.render(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Loads once on mount (and again when `deps` change); `reload` fetches again. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []): {
  data: T | undefined; error: unknown; loading: boolean; reload: () => void;
} {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return { data: state.data, error: state.error, loading: state.loading, reload: () => setTick((t) => t + 1) };
}

export function Loading() {
  return <p class="utrecht-paragraph loading" role="status">Laden…</p>;
}

export function Section({ title, children, id }: { title: string; children: ComponentChildren; id?: string }) {
  const headingId = `${id ?? title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-titel`;
  return (
    <section class="section" aria-labelledby={headingId} id={id}>
      <Heading level={2} id={headingId}>{title}</Heading>
      {children}
    </section>
  );
}

/** The message the previous page left for this one, shown once. */
export function FlashMessage() {
  const [text] = useState(takeFlash);
  return text ? <Alert type="ok"><P>{text}</P></Alert> : null;
}

/** An amount in running text: it never breaks between the € and its digits. */
export function Money({ cents }: { cents: number | null | undefined }) {
  return <span class="nowrap">{euro(cents)}</span>;
}

/**
 * A total in running text with, when it spans more than one year, its years: `€ 15.000,00 (2025: € 10.000,00 en
 * 2026: € 5.000,00)`; for one year `€ 10.000,00 voor 2025`, or without the year when `year` is false.
 */
export function TotalInWords({ cents, year = true }: { cents: Record<string, number>; year?: boolean }) {
  const years = Object.keys(cents).filter((y) => cents[y] > 0).sort();
  if (years.length <= 1) return <><Money cents={sum(cents)} />{year && years.length === 1 ? ` voor ${years[0]}` : ''}</>;
  return (
    <>
      <Money cents={sum(cents)} /> (
      {years.map((y, i) => (
        <span key={y}>{i === 0 ? '' : i === years.length - 1 ? ' en ' : ', '}{y}: <Money cents={cents[y]} /></span>
      ))})
    </>
  );
}

/** What a confirmation asks: a question as heading, what will happen and to whom, and the action's own name. */
export interface Confirmation {
  title: string;
  body: ComponentChildren;
  confirm: string;
}

/**
 * A confirmation before a binding step, in the NL Design System's alert dialog pattern: a native modal `<dialog>`
 * (the page behind it is inert), focus on "Annuleren" so that a second Enter or click does not confirm by accident,
 * Escape cancels, and focus returns to the button that opened it. `ask` resolves true only when confirmed; render
 * `dialog` somewhere in the component.
 */
export function useConfirm(): { ask: (c: Confirmation) => Promise<boolean>; dialog: ComponentChildren } {
  const [asked, setAsked] = useState<Confirmation | null>(null);
  const answer = useRef<((confirmed: boolean) => void) | null>(null);
  function ask(c: Confirmation): Promise<boolean> {
    answer.current?.(false);
    return new Promise((resolve) => {
      answer.current = resolve;
      setAsked(c);
    });
  }
  function answered(confirmed: boolean) {
    const resolve = answer.current;
    answer.current = null;
    setAsked(null);
    resolve?.(confirmed);
  }
  return { ask, dialog: asked ? <ConfirmDialog confirmation={asked} onAnswer={answered} /> : null };
}

function ConfirmDialog({ confirmation, onAnswer }: { confirmation: Confirmation; onAnswer: (confirmed: boolean) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const id = useId();

  useEffect(() => {
    const d = dialog.current!;
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    d.returnValue = '';
    d.showModal();
    cancel.current?.focus();
    return () => {
      if (d.open) d.close();
    };
  }, []);

  // Escape (the dialog's cancel) and both buttons end here
  function closed() {
    const confirmed = dialog.current?.returnValue === 'confirm';
    const back = opener.current;
    if (back?.isConnected) back.focus();
    onAnswer(confirmed);
  }

  return (
    <dialog ref={dialog} class="utrecht-alert-dialog utrecht-alert-dialog--warning confirm-dialog" role="alertdialog"
      aria-labelledby={`${id}-titel`} aria-describedby={`${id}-tekst`} onClose={closed}>
      <div class="utrecht-alert-dialog__message confirm-dialog__message">
        <h2 class="utrecht-heading-2" id={`${id}-titel`}>{confirmation.title}</h2>
        <div class="confirm-dialog__body" id={`${id}-tekst`}>{confirmation.body}</div>
        <div class="utrecht-button-group confirm-dialog__buttons">
          <Button onClick={() => dialog.current?.close('confirm')}>{confirmation.confirm}</Button>
          <button ref={cancel} type="button" class="utrecht-button utrecht-button--secondary-action"
            onClick={() => dialog.current?.close('cancel')}>Annuleren</button>
        </div>
      </div>
    </dialog>
  );
}
