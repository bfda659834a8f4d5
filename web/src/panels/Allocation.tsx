// What a municipality may still ask for: per year its allocation, what approved awards committed of it, and the
// headroom left (GET /municipalities/{code}); with a request beside it, the years where the request exceeds it.
import { get, type Cents, type MunicipalityAllocation } from '../api';
import { Alert, ErrorAlert, Loading, Money, P, Table, useLoad } from '../ui';

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

interface Row {
  year: string;
}

export function AllocationTable({ allocation, years, requested, requestedHeader = 'Deze aanvraag', caption }: {
  allocation: MunicipalityAllocation;
  years?: number[];
  requested?: Cents;
  requestedHeader?: string;
  caption: string;
}) {
  const over = requested ? overHeadroom(allocation, requested) : [];
  return (
    <Table<Row>
      caption={caption}
      rows={yearsOf(allocation, years).map((year) => ({ year }))}
      rowKey={(r) => r.year}
      empty="Er zijn nog geen middelen toegewezen."
      columns={[
        { key: 'year', header: 'Jaar', render: (r) => r.year },
        { key: 'allocated', header: 'Toegewezen', numeric: true, render: (r) => <Money cents={allocation.allocationsCents[r.year] ?? 0} /> },
        { key: 'committed', header: 'Al toegekend', numeric: true, render: (r) => <Money cents={allocation.committedCents[r.year] ?? 0} /> },
        { key: 'headroom', header: 'Nog beschikbaar', numeric: true, render: (r) => <strong><Money cents={allocation.headroomCents[r.year] ?? 0} /></strong> },
        ...(requested ? [{
          key: 'requested', header: requestedHeader, numeric: true, render: (r: Row) => (
            <span class={over.includes(r.year) ? 'over-headroom' : undefined}>
              <Money cents={requested[r.year] ?? 0} />
              {over.includes(r.year) && <span class="over-headroom__mark"> (te hoog)</span>}
            </span>
          ),
        }] : []),
      ]}
    />
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
  code: string; years?: number[]; requested?: Cents; requestedHeader?: string; caption: string; who: 'municipality' | 'ministry';
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
