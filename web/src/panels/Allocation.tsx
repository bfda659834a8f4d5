// What a municipality may still ask for: per year its allocation, what approved awards committed of it, and the
// headroom left (GET /municipalities/{code}); with a request beside it, the years where the request exceeds it.
import type { ComponentChild } from 'preact';
import { get, type Cents, type MunicipalityAllocation } from '../api';
import { Alert, ErrorAlert, Loading, Money, P, useLoad } from '../ui';

export function useAllocation(code: string | null) {
  return useLoad(() => (code ? get<MunicipalityAllocation>(`/municipalities/${code}`) : Promise.resolve(undefined)), [code]);
}

/** The years the allocation names, or the given ones. */
function yearsOf(a: MunicipalityAllocation, years?: number[]): string[] {
  if (years) return years.map(String);
  return [...new Set([...Object.keys(a.allocationsCents), ...Object.keys(a.committedCents)])].sort();
}

/** The years in which `requested` exceeds the headroom. */
export function overHeadroom(a: MunicipalityAllocation | undefined, requested: Cents): string[] {
  if (!a) return [];
  return Object.keys(requested).filter((y) => requested[y] > 0 && requested[y] > (a.headroomCents[y] ?? 0)).sort();
}

/**
 * A table of the years; on a phone each year stacks its figures under one another, each named, so nothing needs
 * scrolling sideways.
 */
export function AllocationTable({ allocation, years, requested, requestedHeader = 'Deze aanvraag', caption }: {
  allocation: MunicipalityAllocation;
  years?: number[];
  requested?: Cents;
  requestedHeader?: string;
  caption: ComponentChild;
}) {
  const over = requested ? overHeadroom(allocation, requested) : [];
  const rows = yearsOf(allocation, years);
  const numeric = 'utrecht-table__cell utrecht-table__cell--numeric-data';
  return (
    <table class="utrecht-table utrecht-table--html-table allocation-table">
      <caption class="utrecht-table__caption">{caption}</caption>
      <thead class="utrecht-table__header">
        <tr class="utrecht-table__row">
          <th scope="col" class="utrecht-table__header-cell">Jaar</th>
          <th scope="col" class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column">Toegewezen</th>
          <th scope="col" class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column">Al toegekend</th>
          <th scope="col" class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column">Nog beschikbaar</th>
          {requested && <th scope="col" class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column">{requestedHeader}</th>}
        </tr>
      </thead>
      <tbody class="utrecht-table__body">
        {rows.length === 0 && (
          <tr class="utrecht-table__row"><td class="utrecht-table__cell" colSpan={requested ? 5 : 4}>Er zijn nog geen middelen toegewezen.</td></tr>
        )}
        {rows.map((y) => (
          <tr class="utrecht-table__row" key={y}>
            <th scope="row" class="utrecht-table__header-cell allocation-table__year">{y}</th>
            <td class={numeric} data-label="Toegewezen"><Money cents={allocation.allocationsCents[y] ?? 0} /></td>
            <td class={numeric} data-label="Al toegekend"><Money cents={allocation.committedCents[y] ?? 0} /></td>
            <td class={numeric} data-label="Nog beschikbaar"><strong><Money cents={allocation.headroomCents[y] ?? 0} /></strong></td>
            {requested && (
              <td class={`${numeric}${over.includes(y) ? ' over-headroom' : ''}`} data-label={requestedHeader}>
                <Money cents={requested[y] ?? 0} />
                {over.includes(y) && <span class="over-headroom__mark"> (te hoog)</span>}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The warning beside a request that exceeds the headroom in some years, naming each. */
export function HeadroomWarning({ allocation, requested, who }: { allocation: MunicipalityAllocation; requested: Cents; who: 'municipality' | 'ministry' }) {
  const over = overHeadroom(allocation, requested);
  if (over.length === 0) return null;
  return (
    <Alert type="warning">
      {over.map((y) => (
        <P key={y}>
          {who === 'municipality' ? 'U vraagt' : 'U kent'} voor {y} <Money cents={requested[y]} />{who === 'ministry' ? ' toe' : ''}, maar er is nog{' '}
          <Money cents={allocation.headroomCents[y] ?? 0} /> beschikbaar van de middelen die aan {who === 'municipality' ? 'uw gemeente' : 'de gemeente'} zijn toegewezen.
          {who === 'municipality'
            ? ' Het ministerie kan hoogstens dat bedrag toekennen. Verlaag het budget of neem contact op met het ministerie.'
            : ' Er kan hoogstens dat bedrag worden toegekend.'}
        </P>
      ))}
    </Alert>
  );
}

/** The allocation of `code` as a section's content: loading, failure, or the table. */
export function AllocationOverview({ code, years, requested, requestedHeader, caption, who }: {
  code: string; years?: number[]; requested?: Cents; requestedHeader?: string; caption: ComponentChild; who: 'municipality' | 'ministry';
}) {
  const { data, error } = useAllocation(code);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Loading />;
  return (
    <>
      <AllocationTable allocation={data} years={years} requested={requested} requestedHeader={requestedHeader} caption={caption} />
      {requested && <HeadroomWarning allocation={data} requested={requested} who={who} />}
    </>
  );
}
