// The ministry's decision (propose, then approve or return with four eyes) and the final settlement.
import { useState } from 'preact/hooks';
import { post, type Application, type HistoryEvent } from '../api';
import type { User } from '../auth';
import { centsToInput, date, euro, parseEuro, sum } from '../format';
import { useSubmission } from '../submission';
import { AllocationOverview } from './Allocation';
import { Alert, Button, ButtonGroup, DataList, Field, Heading, P, Section, textboxClass, Money, TotalInWords, useConfirm, type Confirmation } from '../ui';

function Refusal({ text }: { text: string | null }) {
  return text ? <Alert type="error"><P>{text}</P></Alert> : null;
}

/** The amounts typed so far, in cents; what is no amount counts as nothing. */
function typedAmounts(amounts: Record<string, string>): Record<string, number> {
  return Object.fromEntries(Object.entries(amounts).map(([y, t]) => {
    const c = parseEuro(t);
    return [y, c === null || Number.isNaN(c) ? 0 : c];
  }));
}

export function ProposeDecision({ app, onChange }: { app: Application; onChange: () => void }) {
  const [outcome, setOutcome] = useState<'AWARD' | 'REJECT'>('AWARD');
  const [amounts, setAmounts] = useState<Record<string, string>>(
    Object.fromEntries(Object.entries(app.requestedCents).map(([y, c]) => [y, centsToInput(c)])),
  );
  const [conditions, setConditions] = useState('');
  const [motivation, setMotivation] = useState('');
  const { busy, errors, failure, refuse, send } = useSubmission();
  const { ask, dialog } = useConfirm();

  async function propose(e: Event) {
    e.preventDefault();
    const awardedCents: Record<string, number> = {};
    const local: Record<string, string> = {};
    if (outcome === 'AWARD') {
      for (const [year, text] of Object.entries(amounts)) {
        const c = parseEuro(text);
        if (Number.isNaN(c)) local[`awardedCents.${year}`] = 'Vul een bedrag in euro’s in, zoals 12.500,00.';
        else if (c !== null) awardedCents[year] = c;
      }
    }
    if (Object.keys(local).length > 0) {
      refuse(local);
      return;
    }
    const confirmed = await ask({
      title: 'Besluit voorstellen?',
      body: (
        <>
          <P>
            {outcome === 'AWARD'
              ? <>U stelt voor de gemeente {app.municipalityName} <TotalInWords cents={awardedCents} /> toe te kennen.</>
              : <>U stelt voor de aanvraag ‘{app.title}’ van de gemeente {app.municipalityName} af te wijzen.</>}
          </P>
          <P>Een tweede medewerker van het ministerie keurt het voorstel goed of stuurt het terug. Pas na die goedkeuring ontvangt de gemeente het besluit.</P>
        </>
      ),
      confirm: 'Besluit voorstellen',
    });
    if (!confirmed) return;
    await send(() => post(`/applications/${app.id}/decision`, {
      outcome, awardedCents: outcome === 'AWARD' ? awardedCents : {}, conditions: conditions || null, motivation: motivation || null,
    }), onChange);
  }

  return (
    <Section title="Besluit voorstellen" id="besluit-voorstellen">
      {dialog}
      <P>Een tweede medewerker van het ministerie keurt uw voorstel goed of stuurt het terug (vier ogen).</P>
      <form class="form" onSubmit={propose} noValidate>
        <Refusal text={failure} />
        <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">Besluit</legend>
          {(['AWARD', 'REJECT'] as const).map((o) => (
            <div class="utrecht-form-field utrecht-form-field--radio" key={o}>
              <div class="utrecht-form-field__input">
                <input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" name="besluit" id={`besluit-${o}`}
                  checked={outcome === o} onChange={() => setOutcome(o)} />
              </div>
              <div class="utrecht-form-field__label">
                <label class="utrecht-form-label utrecht-form-label--radio" for={`besluit-${o}`}>{o === 'AWARD' ? 'Toekennen' : 'Afwijzen'}</label>
              </div>
            </div>
          ))}
        </fieldset>
        {outcome === 'AWARD' && (
          <div class="field-row">
            {Object.keys(amounts).map((year) => (
              <Field key={year} id={`toekenning-${year}`} label={`Toe te kennen ${year} (gevraagd ${euro(app.requestedCents[year])})`} error={errors[`awardedCents.${year}`] ?? errors.awardedCents}>
                {(aria) => <input {...aria} class={textboxClass(!!errors[`awardedCents.${year}`], 'money')} inputMode="decimal" value={amounts[year]}
                  onInput={(e) => setAmounts({ ...amounts, [year]: e.currentTarget.value })} />}
              </Field>
            ))}
          </div>
        )}
        <Heading level={3}>Middelen van de gemeente {app.municipalityName}</Heading>
        <AllocationOverview code={app.municipalityCode} years={app.years} caption={`Toegewezen en nog beschikbaar voor ${app.municipalityName}`}
          requested={outcome === 'AWARD' ? typedAmounts(amounts) : undefined} requestedHeader="Toe te kennen" who="ministry" />
        <Field id="besluit-voorwaarden" label="Voorwaarden" error={errors.conditions}>
          {(aria) => <textarea {...aria} class="utrecht-textarea utrecht-textarea--html-textarea" rows={3} value={conditions} onInput={(e) => setConditions(e.currentTarget.value)} />}
        </Field>
        <Field id="besluit-motivering" label="Motivering" error={errors.motivation}>
          {(aria) => <textarea {...aria} class="utrecht-textarea utrecht-textarea--html-textarea" rows={3} value={motivation} onInput={(e) => setMotivation(e.currentTarget.value)} />}
        </Field>
        <Button type="submit" busy={busy}>Besluit voorstellen</Button>
      </form>
    </Section>
  );
}

/**
 * Approve or return a proposal (a decision or a settlement). The four-eyes rule is told before the click; the
 * API's refusal, should the proposer click anyway, is shown in the same words. Approval is binding (the letter goes
 * out at once), so another official confirms it first; the proposer's own click is refused without changing anything,
 * and is not asked.
 */
function FourEyes({ what, proposedById, proposedBy, user, approvePath, returnPath, approveText, confirmation, onChange }: {
  what: 'besluit' | 'eindafrekening';
  proposedById: string | null;
  proposedBy: string;
  user: User;
  approvePath: string;
  returnPath: string;
  approveText: string;
  confirmation: Confirmation;
  onChange: () => void;
}) {
  const [reason, setReason] = useState('');
  const [returning, setReturning] = useState(false);
  const { busy, errors, failure, send } = useSubmission();
  const { ask, dialog } = useConfirm();
  const own = proposedById === user.sub;

  async function approve() {
    if (!own && !(await ask(confirmation))) return;
    await act(approvePath);
  }

  async function act(path: string, body?: unknown) {
    await send(() => post(path, body), onChange);
  }

  return (
    <div class="four-eyes">
      {dialog}
      {own ? (
        <Alert type="warning" live={false}>
          <P>
            <strong>Vier ogen:</strong> u heeft {what === 'besluit' ? 'dit besluit' : 'deze eindafrekening'} zelf voorgesteld.
            Een andere medewerker van het ministerie moet {what === 'besluit' ? 'het' : 'haar'} goedkeuren of terugsturen.
          </P>
        </Alert>
      ) : (
        <P>Voorgesteld door {proposedBy}. U beoordeelt {what === 'besluit' ? 'dit besluit' : 'deze eindafrekening'} als tweede medewerker.</P>
      )}
      <Refusal text={failure} />
      <ButtonGroup>
        <Button busy={busy} onClick={approve}>{approveText}</Button>
        <Button variant="secondary" onClick={() => setReturning(!returning)} aria-expanded={returning ? 'true' : 'false'}>Terugsturen…</Button>
      </ButtonGroup>
      {returning && (
        <div class="form form--compact">
          <Field id={`${what}-reden`} label="Reden van terugsturen" error={errors.reason}>
            {(aria) => <textarea {...aria} class="utrecht-textarea utrecht-textarea--html-textarea" rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
          </Field>
          <Button variant="secondary" busy={busy} onClick={() => act(returnPath, { reason })}>Terugsturen</Button>
        </div>
      )}
    </div>
  );
}

export function DecisionSummary({ app }: { app: Application }) {
  const d = app.decision!;
  return (
    <DataList items={[
      ['Besluit', d.outcome === 'AWARD' ? 'Toekennen' : 'Afwijzen'],
      ...Object.entries(d.awardedCents).map(([y, c]) => [`Toegekend ${y}`, euro(c)] as [string, string]),
      ['Voorwaarden', d.conditions || '–'],
      ['Motivering', d.motivation || '–'],
      ['Voorgesteld', `${d.proposedBy}, ${date(d.proposedAt)}`],
      ['Goedgekeurd', d.approvedBy ? `${d.approvedBy}, ${date(d.approvedAt)}` : 'nog niet'],
    ]} />
  );
}

export function ApproveDecision({ app, user, onChange }: { app: Application; user: User; onChange: () => void }) {
  return (
    <Section title="Besluit goedkeuren" id="besluit-goedkeuren">
      <DecisionSummary app={app} />
      <FourEyes what="besluit" proposedById={app.decision!.proposedById} proposedBy={app.decision!.proposedBy} user={user}
        approvePath={`/applications/${app.id}/decision/approve`} returnPath={`/applications/${app.id}/decision/return`}
        approveText="Besluit goedkeuren" confirmation={decisionConfirmation(app)} onChange={onChange} />
    </Section>
  );
}

export function SettlementSummary({ app }: { app: Application }) {
  const s = app.settlement!;
  const years = Object.keys(s.awardedCents).sort();
  return (
    <div class="utrecht-table-container">
      <table class="utrecht-table utrecht-table--html-table">
        {/* under the heading "Eindafrekening": the caption is for screen readers */}
        <caption class="utrecht-table__caption visually-hidden">Eindafrekening per jaar</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">Jaar</th>
            <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">Toegekend</th>
            <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">Verantwoord</th>
            <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">Subsidiabel</th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {years.map((y) => (
            <tr class="utrecht-table__row" key={y}>
              <th class="utrecht-table__header-cell" scope="row">{y}</th>
              <td class="utrecht-table__cell utrecht-table__cell--numeric-data">{euro(s.awardedCents[y])}</td>
              <td class="utrecht-table__cell utrecht-table__cell--numeric-data">{euro(s.reportedSpentCents[y])}</td>
              <td class="utrecht-table__cell utrecht-table__cell--numeric-data">{euro(s.eligibleSpentCents[y])}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="row">Totaal</th>
            <td class="utrecht-table__cell utrecht-table__cell--numeric-data">{euro(s.totalAwardedCents)}</td>
            <td class="utrecht-table__cell utrecht-table__cell--numeric-data">{euro(sum(s.reportedSpentCents))}</td>
            <td class="utrecht-table__cell utrecht-table__cell--numeric-data">{euro(s.totalEligibleSpentCents)}</td>
          </tr>
        </tfoot>
      </table>
      <P>Terug te vorderen: <strong class="reclaim nowrap">{euro(s.reclaimCents)}</strong></P>
      <P small>Voorgesteld door {s.proposedBy} op {date(s.proposedAt)}{s.approvedBy ? `; goedgekeurd door ${s.approvedBy} op ${date(s.approvedAt)}` : ''}.</P>
    </div>
  );
}

export function SettlementPanel({ app, user, history, canPropose, onChange }: {
  app: Application; user: User; history: HistoryEvent[]; canPropose: boolean; onChange: () => void;
}) {
  const { busy, failure, send } = useSubmission();
  const pending = app.settlement && !app.settlement.approvedBy && app.status !== 'SETTLED';
  // the settlement view names its proposer; the audit trail has the proposer's id, which four eyes compares
  const proposal = [...history].reverse().find((e) => e.action === 'SETTLEMENT_PROPOSED');

  async function propose() {
    await send(() => post(`/applications/${app.id}/settlement`), onChange);
  }

  if (!pending && !canPropose) return null;
  return (
    <Section title="Eindafrekening" id="eindafrekening">
      {pending ? (
        <>
          <SettlementSummary app={app} />
          <FourEyes what="eindafrekening" proposedById={proposal?.actorId ?? null} proposedBy={app.settlement!.proposedBy} user={user}
            approvePath={`/applications/${app.id}/settlement/approve`} returnPath={`/applications/${app.id}/settlement/return`}
            approveText="Eindafrekening goedkeuren" confirmation={settlementConfirmation(app)} onChange={onChange} />
        </>
      ) : (
        <>
          <P>Alle jaarverantwoordingen zijn geaccepteerd. Stel de eindafrekening voor: per jaar telt de verantwoorde besteding tot hoogstens het toegekende bedrag.</P>
          <Refusal text={failure} />
          <Button busy={busy} onClick={propose}>Eindafrekening voorstellen</Button>
        </>
      )}
    </Section>
  );
}

/** What approving the proposed decision does: it becomes final and the letter goes to the municipality at once. */
function decisionConfirmation(app: Application): Confirmation {
  const d = app.decision!;
  return {
    title: 'Besluit goedkeuren?',
    body: (
      <>
        <P>
          Het besluit wordt definitief.{' '}
          {d.outcome === 'AWARD'
            ? <>De gemeente {app.municipalityName} ontvangt direct de beschikking over <TotalInWords cents={d.awardedCents} year={false} />.</>
            : <>De gemeente {app.municipalityName} ontvangt direct de afwijzing van ‘{app.title}’.</>}
        </P>
        <P>Daarna kan het besluit niet meer worden teruggestuurd of gewijzigd.</P>
      </>
    ),
    confirm: 'Besluit goedkeuren',
  };
}

/** What approving the proposed settlement does: the subsidy is fixed and the letter goes out at once. */
function settlementConfirmation(app: Application): Confirmation {
  const s = app.settlement!;
  return {
    title: 'Eindafrekening goedkeuren?',
    body: (
      <>
        <P>
          De eindafrekening wordt definitief. De gemeente {app.municipalityName} ontvangt direct de vaststellingsbrief: de
          subsidie wordt vastgesteld op <Money cents={s.totalEligibleSpentCents} />
          {s.reclaimCents > 0 ? <> en <Money cents={s.reclaimCents} /> wordt teruggevorderd.</> : <>; er wordt niets teruggevorderd.</>}
        </P>
        <P>Daarna kan de eindafrekening niet meer worden teruggestuurd of gewijzigd.</P>
      </>
    ),
    confirm: 'Eindafrekening goedkeuren',
  };
}
