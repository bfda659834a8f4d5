// Create and edit a plan: activities per attention point with a budget per year, the contact, the documents, and
// the submission, with every missing item of the completeness check shown next to its field.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, allPages, get, post, put, type Application, type DocumentInfo } from '../api';
import type { User } from '../auth';
import { fieldErrors, message } from '../errors';
import { centsToInput, euro, parseEuro, THEME, THEME_HINT } from '../format';
import { setFlash } from '../flash';
import { navigate, setLeaveGuard } from '../router';
import { DocumentList, DocumentUpload } from '../panels/Documents';
import { AllocationTable, HeadroomWarning, overHeadroom, useAllocation } from '../panels/Allocation';
import { Alert, Button, ButtonGroup, Field, FlashMessage, Heading, Loading, P, PageTitle, textboxClass, TotalInWords, useConfirm } from '../ui';

const YEARS = [2023, 2024, 2025, 2026];
const THEMES = ['VINDEN', 'VERSTERKEN', 'VERLICHTEN', 'VERBINDEN'];

interface ActivityDraft {
  key: number;
  theme: string;
  title: string;
  description: string;
  budget: Record<string, string>;
}

interface Draft {
  title: string;
  years: number[];
  activities: ActivityDraft[];
  contactName: string;
  contactEmail: string;
}

let keys = 0;

function emptyActivity(): ActivityDraft {
  return { key: ++keys, theme: '', title: '', description: '', budget: {} };
}

function fromApplication(app: Application): Draft {
  return {
    title: app.title,
    years: app.years,
    activities: app.activities.map((a) => ({
      key: ++keys,
      theme: a.theme ?? '',
      title: a.title ?? '',
      description: a.description ?? '',
      budget: Object.fromEntries(Object.entries(a.budgetCents).map(([y, c]) => [y, centsToInput(c)])),
    })),
    contactName: app.contact?.name ?? '',
    contactEmail: app.contact?.email ?? '',
  };
}

/** The id of the element that shows an API field path: `activities[0].budgetCents.2025` → `veld-activities-0-budgetCents-2025`. */
export function fieldId(path: string): string {
  return `veld-${path.replace(/[[\].]+/g, '-').replace(/-$/, '')}`;
}

/** The plan as the API takes it; amounts that are no amount are reported as field errors instead. */
function toPlan(d: Draft): { plan?: unknown; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const activities = d.activities.map((a, i) => {
    const budgetCents: Record<string, number> = {};
    for (const year of d.years) {
      const cents = parseEuro(a.budget[year] ?? '');
      if (Number.isNaN(cents)) errors[`activities[${i}].budgetCents.${year}`] = 'Vul een bedrag in euro’s in, zoals 12.500,00.';
      else if (cents !== null) budgetCents[year] = cents;
    }
    return { theme: a.theme || null, title: a.title, description: a.description || null, budgetCents };
  });
  if (Object.keys(errors).length > 0) return { errors };
  const contact = d.contactName || d.contactEmail ? { name: d.contactName || null, email: d.contactEmail || null } : null;
  return { plan: { title: d.title, years: [...d.years].sort(), activities, contact }, errors };
}

const LABELS: Record<string, string> = {
  title: 'Titel van de aanvraag',
  years: 'Jaren',
  activities: 'Activiteiten',
  documents: 'Plan (document)',
  'contact.name': 'Naam contactpersoon',
  'contact.email': 'E-mailadres contactpersoon',
};

function fieldLabel(path: string): string {
  const m = path.match(/^activities\[(\d+)]\.?(\w+)?\.?(\d{4})?/);
  if (m) {
    const part = { theme: 'aandachtspunt', title: 'naam', description: 'beschrijving', budgetCents: 'budget' }[m[2] ?? ''] ?? '';
    return `Activiteit ${Number(m[1]) + 1}${part ? `, ${part}` : ''}${m[3] ? ` ${m[3]}` : ''}`;
  }
  const r = path.match(/^requestedCents\.(\d{4})/);
  if (r) return `Totaal gevraagd ${r[1]}`;
  return LABELS[path] ?? path;
}

export function DraftForm({ user, id }: { user: User; id?: string }) {
  const [app, setApp] = useState<Application | null>(null);
  const [draft, setDraft] = useState<Draft | null>(id ? null : {
    title: '', years: [2026], activities: [emptyActivity()], contactName: user.name, contactEmail: '',
  });
  const [documents, setDocuments] = useState<DocumentInfo[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const summary = useRef<HTMLDivElement>(null);
  const { ask, dialog } = useConfirm();
  const allocation = useAllocation(user.municipality);
  // what was last loaded or saved: the form holds unsaved work while the draft differs from it
  const [baseline, setBaseline] = useState<string | null>(id ? null : JSON.stringify(draft));
  const dirty = draft !== null && baseline !== null && JSON.stringify(draft) !== baseline;

  // leaving with unsaved work asks first: in-app links through the router, closing or reloading through the browser
  useEffect(() => {
    if (!dirty) return undefined;
    const unload = (e: BeforeUnloadEvent) => e.preventDefault();
    addEventListener('beforeunload', unload);
    const removeGuard = setLeaveGuard(() => ask({
      title: 'Pagina verlaten zonder op te slaan?',
      body: <P>U heeft wijzigingen in deze aanvraag die nog niet zijn opgeslagen. Als u de pagina verlaat, gaan ze verloren.</P>,
      confirm: 'Verlaten zonder opslaan',
    }));
    return () => {
      removeEventListener('beforeunload', unload);
      removeGuard();
    };
  }, [dirty]);

  // a banner of what to fix goes once it is fixed: errors of fields that now pass the form's own checks are dropped
  useEffect(() => {
    if (!failure || !draft || Object.keys(errors).length === 0) return;
    const { errors: local } = toPlan(draft);
    const still = Object.fromEntries(Object.entries(errors).filter(([path]) => path === 'documents' || path in local));
    if (Object.keys(still).length !== Object.keys(errors).length) {
      setErrors(still);
      if (Object.keys(still).length === 0) setFailure(null);
    }
  }, [draft]);

  // a refused save or submission: the summary of what to fix takes focus, its links lead to the fields
  useEffect(() => {
    if (failure) summary.current?.focus();
  }, [failure, errors]);

  async function loadDocuments(appId: string) {
    setDocuments(await allPages<DocumentInfo>(`/applications/${appId}/documents`));
  }

  useEffect(() => {
    if (!id) return;
    Promise.all([get<Application>(`/applications/${id}`), allPages<DocumentInfo>(`/applications/${id}/documents`)]).then(
      ([a, docs]) => {
        setApp(a);
        setDraft(fromApplication(a));
        setBaseline(JSON.stringify(fromApplication(a)));
        setDocuments(docs);
      },
      setLoadError,
    );
  }, [id]);

  if (loadError) return <><PageTitle title="Aanvraag bewerken">Aanvraag bewerken</PageTitle><Alert type="error"><P>{message(loadError)}</P></Alert></>;
  if (!draft) return <Loading />;
  if (app && app.status !== 'DRAFT' && app.status !== 'CHANGES_REQUESTED') {
    return (
      <>
        <PageTitle title="Aanvraag bewerken">Aanvraag bewerken</PageTitle>
        <Alert type="info"><P>Deze aanvraag is ingediend en kan niet meer worden gewijzigd. <a class="utrecht-link" href={`/aanvragen/${app.id}`}>Terug naar de aanvraag</a></P></Alert>
      </>
    );
  }

  const update = (change: Partial<Draft>) => setDraft({ ...draft, ...change });
  const updateActivity = (i: number, change: Partial<ActivityDraft>) =>
    update({ activities: draft.activities.map((a, j) => (j === i ? { ...a, ...change } : a)) });

  /** Removes an activity; focus moves to "Activiteit toevoegen", as the button that had it is gone. */
  function removeActivity(i: number) {
    update({ activities: draft!.activities.filter((_, j) => j !== i) });
    setErrors({});
    setFailure(null);
    requestAnimationFrame(() => document.getElementById(fieldId('activities'))?.focus());
  }

  /** Saves; returns the saved application or null when it was refused (the errors are shown). */
  async function save(): Promise<Application | null> {
    setFailure(null);
    setSaved(null);
    const { plan, errors: local } = toPlan(draft!);
    if (!plan) {
      setErrors(local);
      setFailure('Niet alles is goed ingevuld. Hieronder staat wat er niet klopt.');
      return null;
    }
    try {
      const result = app
        ? await put<Application>(`/applications/${app.id}`, plan, app.version)
        : await post<Application>('/applications', plan);
      setErrors({});
      setApp(result);
      setBaseline(JSON.stringify(draft));
      return result;
    } catch (e) {
      setErrors(fieldErrors(e));
      setFailure(message(e));
      return null;
    }
  }

  async function onSave(e: Event) {
    e.preventDefault();
    setBusy('save');
    const result = await save();
    setBusy(null);
    if (result && !app) {
      setFlash('Het concept is opgeslagen. Voeg het plan toe als document en dien de aanvraag in.');
      navigate(`/aanvragen/${result.id}/bewerken`, { replace: true });
    } else if (result) {
      setSaved('Het concept is opgeslagen.');
    }
  }

  /** Submits after a confirmation that says what is asked and who gets it; amounts that are no amount are refused first. */
  async function onSubmit() {
    const { plan, errors: local } = toPlan(draft!);
    if (!plan) {
      setErrors(local);
      setFailure('Niet alles is goed ingevuld. Hieronder staat wat er niet klopt.');
      return;
    }
    const again = app?.status === 'CHANGES_REQUESTED';
    const asked = Object.fromEntries(draft!.years.map((y) => [String(y), requested(y)]));
    const over = overHeadroom(allocation.data, asked);
    const confirmed = await ask({
      title: again ? 'Aanvraag opnieuw indienen?' : 'Aanvraag indienen?',
      body: (
        <>
          <P>
            U dient ‘{draft!.title}’ {again ? 'opnieuw ' : ''}in bij het Adviesteam Mantelzorg. U vraagt <TotalInWords cents={asked} />.
            Uw wijzigingen worden eerst opgeslagen.
          </P>
          <P>Daarna kunt u het plan niet meer wijzigen, tenzij het adviesteam om aanpassing vraagt.</P>
          {over.length > 0 && allocation.data && <HeadroomWarning allocation={allocation.data} requested={asked} who="municipality" />}
        </>
      ),
      confirm: again ? 'Aanvraag opnieuw indienen' : 'Aanvraag indienen',
    });
    if (!confirmed) return;
    setBusy('submit');
    const result = await save();
    if (!result) {
      setBusy(null);
      return;
    }
    try {
      await post<Application>(`/applications/${result.id}/submit`);
      setFlash('Uw aanvraag is ingediend. Het adviesteam beoordeelt haar nu.');
      navigate(`/aanvragen/${result.id}`);
    } catch (e) {
      setErrors(fieldErrors(e));
      setFailure(message(e));
      if (e instanceof ApiError && e.status === 412) setErrors({});
      // the version moved on with the save: keep editing on top of it
      setApp(await get<Application>(`/applications/${result.id}`));
    } finally {
      setBusy(null);
    }
  }

  const requested = (year: number) => draft.activities.reduce((s, a) => {
    const c = parseEuro(a.budget[year] ?? '');
    return s + (c && !Number.isNaN(c) ? c : 0);
  }, 0);
  const err = (path: string) => errors[path];
  const title = app ? 'Aanvraag bewerken' : 'Nieuwe aanvraag';

  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      {dialog}
      {app?.status === 'CHANGES_REQUESTED' && app.advice && (
        <Alert type="warning" live={false}>
          <P><strong>Het adviesteam vraagt om aanpassing.</strong> {app.advice.summary}</P>
        </Alert>
      )}
      <FlashMessage />
      {failure && (
        <div class="utrecht-alert utrecht-alert--error error-summary" role="alert" tabIndex={-1} ref={summary}>
          <div class="utrecht-alert__content">
            <div class="utrecht-alert__message">
              <p class="utrecht-paragraph"><strong>{failure}</strong></p>
              {Object.keys(errors).length > 0 && (
                <ul class="error-summary__list">
                  {Object.entries(errors).map(([path, text]) => (
                    <li key={path}><a class="utrecht-link" href={`#${fieldId(path)}`} onClick={(e) => focusField(e, path)}>{fieldLabel(path)}: {text}</a></li>
                  ))}
                </ul>
              )}
            </div>
          </div>
        </div>
      )}
      <form class="form" onSubmit={onSave} noValidate>
        <Field id={fieldId('title')} label="Titel van de aanvraag" error={err('title')}>
          {(aria) => <input {...aria} class={textboxClass(!!err('title'))} value={draft.title} maxLength={200}
            onInput={(e) => update({ title: e.currentTarget.value })} />}
        </Field>

        <fieldset class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${err('years') ? ' utrecht-form-fieldset--invalid' : ''}`}
          aria-describedby={err('years') ? `${fieldId('years')}-error` : undefined}>
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">Voor welke jaren vraagt u aan?</legend>
          {err('years') && <div class="utrecht-form-field-error-message" id={`${fieldId('years')}-error`}>{err('years')}</div>}
          <div class="checkbox-row">
            {YEARS.map((year, i) => (
              <div class="utrecht-form-field utrecht-form-field--checkbox" key={year}>
                <div class="utrecht-form-field__input">
                  <input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input" id={i === 0 ? fieldId('years') : `veld-jaar-${year}`}
                    checked={draft.years.includes(year)}
                    onChange={(e) => update({ years: e.currentTarget.checked ? [...draft.years, year].sort() : draft.years.filter((y) => y !== year) })} />
                </div>
                <div class="utrecht-form-field__label">
                  <label class="utrecht-form-label utrecht-form-label--checkbox" for={i === 0 ? fieldId('years') : `veld-jaar-${year}`}>{year}</label>
                </div>
              </div>
            ))}
          </div>
        </fieldset>

        <Heading level={2} id="activiteiten-titel">Activiteiten</Heading>
        <P>Elke activiteit dient één van de vier aandachtspunten van mantelzorgondersteuning en heeft een budget per jaar.</P>
        {err('activities') && <div class="utrecht-form-field-error-message" id={`${fieldId('activities')}-error`}>{err('activities')}</div>}
        {draft.activities.map((a, i) => {
          const base = `activities[${i}]`;
          const budgetError = err(`${base}.budgetCents`);
          return (
            <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset activity" key={a.key}>
              <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">Activiteit {i + 1}</legend>
              <Field id={fieldId(`${base}.theme`)} label="Aandachtspunt" error={err(`${base}.theme`)}>
                {(aria) => (
                  <select {...aria} class={`utrecht-select utrecht-select--html-select${err(`${base}.theme`) ? ' utrecht-select--invalid' : ''}`}
                    value={a.theme} onChange={(e) => updateActivity(i, { theme: e.currentTarget.value })}>
                    <option value="">Kies een aandachtspunt</option>
                    {THEMES.map((t) => <option key={t} value={t}>{THEME[t]}: {THEME_HINT[t]}</option>)}
                  </select>
                )}
              </Field>
              <Field id={fieldId(`${base}.title`)} label="Naam van de activiteit" error={err(`${base}.title`)}>
                {(aria) => <input {...aria} class={textboxClass(!!err(`${base}.title`))} value={a.title} maxLength={200}
                  onInput={(e) => updateActivity(i, { title: e.currentTarget.value })} />}
              </Field>
              <Field id={fieldId(`${base}.description`)} label="Beschrijving" description="Wat doet u, voor wie, met wie?" error={err(`${base}.description`)}>
                {(aria) => <textarea {...aria} class={`utrecht-textarea utrecht-textarea--html-textarea${err(`${base}.description`) ? ' utrecht-textarea--invalid' : ''}`}
                  rows={3} value={a.description} onInput={(e) => updateActivity(i, { description: e.currentTarget.value })} />}
              </Field>
              <div class={`budget${budgetError ? ' budget--invalid' : ''}`} role="group" aria-labelledby={`${fieldId(`${base}.budgetCents`)}-legend`}
                aria-describedby={budgetError ? `${fieldId(`${base}.budgetCents`)}-error` : undefined}>
                <p class="utrecht-form-label budget__legend" id={`${fieldId(`${base}.budgetCents`)}-legend`}>Budget per jaar (in euro’s)</p>
                {budgetError && <div class="utrecht-form-field-error-message" id={`${fieldId(`${base}.budgetCents`)}-error`}>{budgetError}</div>}
                {draft.years.length === 0 && <P small>Kies eerst de jaren.</P>}
                <div class="budget__years">
                  {draft.years.map((year, yi) => {
                    const path = `${base}.budgetCents.${year}`;
                    const id = yi === 0 && !err(path) ? fieldId(`${base}.budgetCents`) : fieldId(path);
                    return (
                      <Field key={year} id={id} label={`${year}`} error={err(path)}>
                        {(aria) => <input {...aria} class={textboxClass(!!err(path) || !!budgetError, 'money')} inputMode="decimal"
                          value={a.budget[year] ?? ''} placeholder="0,00" aria-invalid={err(path) || budgetError ? 'true' : undefined}
                          onInput={(e) => updateActivity(i, { budget: { ...a.budget, [year]: e.currentTarget.value } })} />}
                      </Field>
                    );
                  })}
                </div>
              </div>
              <Button variant="subtle" onClick={() => removeActivity(i)}>
                Activiteit {i + 1} verwijderen
              </Button>
            </fieldset>
          );
        })}
        <p>
          <Button variant="secondary" id={fieldId('activities')} aria-describedby={err('activities') ? `${fieldId('activities')}-error` : undefined}
            onClick={() => update({ activities: [...draft.activities, emptyActivity()] })}>Activiteit toevoegen</Button>
        </p>

        <div class="totals" aria-live="polite">
          <Heading level={3}>Totaal gevraagd</Heading>
          <ul class="plain-list">
            {draft.years.map((year) => (
              <li key={year} id={fieldId(`requestedCents.${year}`)} tabIndex={-1}>
                {year}: <strong>{euro(requested(year))}</strong>
                {err(`requestedCents.${year}`) && <div class="utrecht-form-field-error-message">{err(`requestedCents.${year}`)}</div>}
              </li>
            ))}
          </ul>
        </div>

        <div class="allocation-beside">
          {allocation.data && (
            <>
              <AllocationTable allocation={allocation.data} years={draft.years} caption="Gevraagd en nog beschikbaar per jaar"
                requested={Object.fromEntries(draft.years.map((y) => [String(y), requested(y)]))} />
              <HeadroomWarning allocation={allocation.data} requested={Object.fromEntries(draft.years.map((y) => [String(y), requested(y)]))}
                who="municipality" />
            </>
          )}
        </div>

        <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">Contactpersoon</legend>
          <Field id={fieldId('contact.name')} label="Naam" error={err('contact.name')}>
            {(aria) => <input {...aria} class={textboxClass(!!err('contact.name'))} value={draft.contactName} autoComplete="name"
              onInput={(e) => update({ contactName: e.currentTarget.value })} />}
          </Field>
          <Field id={fieldId('contact.email')} label="E-mailadres" error={err('contact.email')}>
            {(aria) => <input {...aria} type="email" class={textboxClass(!!err('contact.email'))} value={draft.contactEmail} autoComplete="email"
              onInput={(e) => update({ contactEmail: e.currentTarget.value })} />}
          </Field>
        </fieldset>

        <Heading level={2}>Documenten</Heading>
        {app ? (
          <>
            <P>Het plan (soort ‘Plan’) is verplicht. Een raadsbesluit of begroting mag u toevoegen.</P>
            <DocumentList applicationId={app.id} documents={documents} onRemoved={() => loadDocuments(app.id)} />
            <DocumentUpload applicationId={app.id} id={fieldId('documents')} kinds={['PLAN', 'COUNCIL_DECISION', 'BUDGET', 'OTHER']}
              error={err('documents')} onUploaded={() => { loadDocuments(app.id); setErrors(({ documents: _d, ...rest }) => rest); }} />
          </>
        ) : (
          <P>Sla eerst het concept op; daarna voegt u hier het plan en andere documenten toe.</P>
        )}

        <ButtonGroup>
          <Button type="submit" variant="secondary" busy={busy === 'save'} disabled={busy !== null}>Concept opslaan</Button>
          {app && <Button onClick={onSubmit} busy={busy === 'submit'} disabled={busy !== null}>Aanvraag indienen</Button>}
        </ButtonGroup>
        {/* the answer to "Concept opslaan" appears beside the button that was pressed */}
        <div class="save-status" role="status">{saved && !dirty && <Alert type="ok" live={false}><P>{saved}</P></Alert>}</div>
      </form>
    </>
  );
}

function focusField(e: MouseEvent, path: string) {
  const el = document.getElementById(fieldId(path));
  if (el) {
    e.preventDefault();
    el.focus();
    el.scrollIntoView({ block: 'center' });
  }
}
