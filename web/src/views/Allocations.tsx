// Allocations per municipality and year: edit one, or import a CSV (all rows or none, with a row-level report).
import { useMemo, useState } from 'preact/hooks';
import { ApiError, items, postFile, put, XLSX, type Municipality } from '../api';
import { fieldErrors, fieldMessage, message } from '../errors';
import { centsToInput, count, euro, parseEuro } from '../format';
import { Alert, Button, ErrorAlert, Field, Loading, P, PageTitle, Section, textboxClass, useLoad } from '../ui';

const YEARS = ['2023', '2024', '2025', '2026'];

export function Allocations() {
  const { data, error, reload } = useLoad(() => items<Municipality>('/municipalities'));
  const [year, setYear] = useState('2026');
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<string | null>(null);

  const rows = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return (data ?? []).filter((m) => !f || m.name.toLowerCase().includes(f) || m.code.toLowerCase().includes(f));
  }, [data, filter]);
  const total = (data ?? []).reduce((s, m) => s + (m.allocationsCents?.[year] ?? 0), 0);

  return (
    <>
      <PageTitle title="Toewijzingen">Toewijzingen per gemeente</PageTitle>
      <P lead>Het bedrag dat een gemeente per jaar hoogstens kan krijgen. Een aanvraag vraagt nooit meer dan de toewijzing van dat jaar.</P>
      <ErrorAlert error={error} />
      <CsvImport onImported={reload} />
      <Section title="Per gemeente" id="per-gemeente">
        <div class="field-row">
          <Field id="toewijzing-jaar" label="Jaar">
            {(aria) => (
              <select {...aria} class="utrecht-select utrecht-select--html-select" value={year} onChange={(e) => { setYear(e.currentTarget.value); setEditing(null); }}>
                {YEARS.map((y) => <option key={y} value={y}>{y}</option>)}
              </select>
            )}
          </Field>
          <Field id="toewijzing-zoeken" label="Zoek gemeente" description="Naam of code">
            {(aria) => <input {...aria} type="search" class={textboxClass(false)} value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />}
          </Field>
        </div>
        {!data && !error && <Loading />}
        {data && (
          <>
            <P>Totaal toegewezen in {year}: <strong>{euro(total)}</strong> · {count(rows.length)} van {count(data.length)} gemeenten getoond</P>
            <div class="utrecht-table-container utrecht-table-container--overflow-inline table-scroll" tabIndex={0} role="region" aria-label={`Toewijzingen ${year}`}>
              <table class="utrecht-table utrecht-table--html-table">
                <caption class="utrecht-table__caption">Toewijzingen {year}</caption>
                <thead class="utrecht-table__header">
                  <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="col">Code</th>
                    <th class="utrecht-table__header-cell" scope="col">Gemeente</th>
                    <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">Toewijzing {year}</th>
                    <th class="utrecht-table__header-cell" scope="col">Wijzigen</th>
                  </tr>
                </thead>
                <tbody class="utrecht-table__body">
                  {rows.map((m) => (
                    <tr class="utrecht-table__row" key={m.code}>
                      <td class="utrecht-table__cell">{m.code}</td>
                      <th class="utrecht-table__header-cell" scope="row">{m.name}</th>
                      {editing === m.code ? (
                        <EditRow municipality={m} year={year} onDone={(changed) => { setEditing(null); if (changed) reload(); }} />
                      ) : (
                        <>
                          <td class="utrecht-table__cell utrecht-table__cell--numeric-data">{m.allocationsCents?.[year] !== undefined ? euro(m.allocationsCents[year]) : '–'}</td>
                          <td class="utrecht-table__cell">
                            <Button variant="subtle" onClick={() => setEditing(m.code)} aria-label={`Toewijzing ${year} van ${m.name} wijzigen`}>Wijzigen</Button>
                          </td>
                        </>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Section>
    </>
  );
}

function EditRow({ municipality, year, onDone }: { municipality: Municipality; year: string; onDone: (changed: boolean) => void }) {
  const [value, setValue] = useState(centsToInput(municipality.allocationsCents?.[year]));
  const [error, setError] = useState<string | undefined>();
  const id = `toewijzing-${municipality.code}`;
  async function save(e: Event) {
    e.preventDefault();
    const cents = parseEuro(value);
    if (cents === null || Number.isNaN(cents)) {
      setError('Vul een bedrag in euro’s in, zoals 125.000,00.');
      return;
    }
    try {
      await put(`/municipalities/${municipality.code}/allocations/${year}`, { amountCents: cents });
      onDone(true);
    } catch (err) {
      setError(fieldErrors(err).amountCents ?? message(err));
    }
  }
  return (
    <td class="utrecht-table__cell" colSpan={2}>
      <form class="inline-form" onSubmit={save} noValidate>
        <label class="utrecht-form-label" for={id}>Toewijzing {year} van {municipality.name} (euro’s)</label>
        {error && <div class="utrecht-form-field-error-message" id={`${id}-error`}>{error}</div>}
        <input id={id} class={textboxClass(!!error, 'money')} inputMode="decimal" value={value} autoFocus
          aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined}
          onInput={(e) => setValue(e.currentTarget.value)} />
        <Button type="submit">Opslaan</Button>
        <Button variant="subtle" onClick={() => onDone(false)}>Annuleren</Button>
      </form>
    </td>
  );
}

interface RowProblem {
  line: string;
  column: string;
  text: string;
}

/** The workbook's own column names for the fields the API names. */
const WORKBOOK_COLUMN: Record<string, string> = { code: 'CBS-code', year: 'Jaar', amountCents: 'Toegewezen' };

function CsvImport({ onImported }: { onImported: () => void }) {
  const [text, setText] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [problems, setProblems] = useState<RowProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const [workbook, setWorkbook] = useState<File | null>(null);

  async function readFile(e: Event) {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    setWorkbook(null);
    if (!file) return;
    // a workbook goes to the server as it is; a CSV file shows its lines here first
    if (/\.xlsx$/i.test(file.name) || file.type === XLSX) setWorkbook(file);
    else setText(await file.text());
  }

  async function importCsv() {
    setResult(null);
    setFailure(null);
    setProblems([]);
    setBusy(true);
    try {
      const { imported } = workbook
        ? await postFile<{ imported: number }>('/allocations/import', XLSX, workbook)
        : await postFile<{ imported: number }>('/allocations/import', 'text/csv', text);
      setResult(`${count(imported)} toewijzingen ingelezen.`);
      onImported();
    } catch (err) {
      setFailure(message(err));
      if (err instanceof ApiError) {
        setProblems(err.errors.map((p) => {
          const m = p.field.match(/^line (\d+)\.?(\w+)?$/);
          const column = m?.[2] && workbook ? WORKBOOK_COLUMN[m[2]] ?? m[2] : m?.[2];
          return { line: m ? m[1] : '–', column: column ?? (m ? 'regel' : p.field), text: fieldMessage(p, err) };
        }));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title="Toewijzingen inlezen" id="csv-inlezen">
      <P>
        Een Excel-werkmap (.xlsx) met in de eerste regel de kopjes <code>CBS-code</code>, <code>Jaar</code> en <code>Toegewezen</code> (in euro's),
        zoals de Excel-download van het dashboard (daar staat het jaar in de naam van het werkblad). Of een CSV-bestand met de kopregel{' '}
        <code>code,year,amountCents</code>, bijvoorbeeld <code>GM0014,2026,12500000</code> (bedragen in centen). Alle regels worden ingelezen, of geen enkele.
      </P>
      <Field id="csv-bestand" label="Bestand (Excel of CSV)">
        {(aria) => <input {...aria} type="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" class="file-input" onChange={readFile} />}
      </Field>
      {workbook
        ? <P>Gekozen werkmap: <strong>{workbook.name}</strong>.</P>
        : (
          <Field id="csv-tekst" label="Inhoud" description="Of plak CSV-regels hier">
            {(aria) => <textarea {...aria} class="utrecht-textarea utrecht-textarea--html-textarea mono" rows={6} value={text} onInput={(e) => setText(e.currentTarget.value)} />}
          </Field>
        )}
      <Button variant="secondary" onClick={importCsv} busy={busy} disabled={!workbook && !text.trim()}>Inlezen</Button>
      {result && <Alert type="ok"><P>{result}</P></Alert>}
      {failure && <Alert type="error"><P>{failure}</P></Alert>}
      {problems.length > 0 && (
        <div class="utrecht-table-container">
          <table class="utrecht-table utrecht-table--html-table">
            <caption class="utrecht-table__caption">Fouten per regel</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">Regel</th>
                <th class="utrecht-table__header-cell" scope="col">Kolom</th>
                <th class="utrecht-table__header-cell" scope="col">Fout</th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {problems.map((p, i) => (
                <tr class="utrecht-table__row" key={i}>
                  <td class="utrecht-table__cell">{p.line}</td>
                  <td class="utrecht-table__cell">{p.column}</td>
                  <td class="utrecht-table__cell">{p.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
