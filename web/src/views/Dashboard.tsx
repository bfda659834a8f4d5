// The national dashboard (a chunk of its own, with the charts): totals, spending per attention point and
// applications per status as charts each with the same data as a table, and all 342 municipalities in a sortable,
// filterable table with the CSV export.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { get, getBlob, getText, type Spending, type SpendingRow } from '../api';
import { count, euro, hours, label, STATUS, THEME } from '../format';
import { ErrorAlert, Field, Loading, P, PageTitle, Section, textboxClass, useLoad } from '../ui';

echarts.use([BarChart, GridComponent, AriaComponent, CanvasRenderer]);

const YEARS = ['2023', '2024', '2025', '2026'];
const PURPLE = '#5b2d82';

export function Dashboard() {
  const [year, setYear] = useState('2026');
  const { data, error } = useLoad(() => get<Spending>(`/monitoring/spending?year=${year}`), [year]);
  return (
    <>
      <PageTitle title="Landelijk dashboard">Landelijk dashboard</PageTitle>
      <Field id="dashboard-jaar" label="Jaar">
        {(aria) => (
          <select {...aria} class="utrecht-select utrecht-select--html-select" value={year} onChange={(e) => setYear(e.currentTarget.value)}>
            {YEARS.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        )}
      </Field>
      <ErrorAlert error={error} />
      {!data && !error && <Loading />}
      {data && <Figures data={data} />}
    </>
  );
}

function Figures({ data }: { data: Spending }) {
  const t = data.totals;
  const themes = Object.keys(THEME).map((k) => ({ key: k, name: THEME[k], value: data.byTheme[k] ?? 0 }));
  const statuses = Object.keys(STATUS)
    .map((k) => ({ key: k, name: label(STATUS, k), value: data.applicationsByStatus[k] ?? 0 }))
    .filter((s) => s.value > 0);
  return (
    <>
      <Section title={`Totalen ${data.year}`} id="totalen">
        <ul class="cards">
          <Card title="Toegewezen" value={euro(t.allocatedCents)} />
          <Card title="Gevraagd" value={euro(t.requestedCents)} />
          <Card title="Toegekend" value={euro(t.awardedCents)} />
          <Card title="Verantwoord besteed" value={euro(t.reportedSpentCents)} />
          <Card title="Terugvordering" value={euro(t.reclaimCents)} />
          <Card title="Adviesuren (hele looptijd)" value={`${hours(data.advisoryHours.usedHours)} uur`} note={`${count(data.advisoryHours.municipalitiesAtCap)} gemeenten op 25 uur`} />
          <Card title="Te late verantwoordingen" value={count(data.overdueReports)} />
        </ul>
      </Section>
      <Section title="Besteding per aandachtspunt" id="per-aandachtspunt">
        <P>Verantwoorde en geaccepteerde besteding in {data.year}, per aandachtspunt.</P>
        <ChartWithTable id="aandachtspunt" caption={`Besteding per aandachtspunt ${data.year}`} header="Aandachtspunt" valueHeader="Besteed"
          rows={themes} format={euro} />
      </Section>
      <Section title="Aanvragen per status" id="per-status">
        <ChartWithTable id="status" caption={`Aanvragen met jaar ${data.year}, per status`} header="Status" valueHeader="Aantal"
          rows={statuses} format={count} />
      </Section>
      <Section title="Per gemeente" id="per-gemeente">
        <MunicipalityTable rows={data.byMunicipality} year={data.year} />
      </Section>
    </>
  );
}

function Card({ title, value, note }: { title: string; value: string; note?: string }) {
  return (
    <li class="card">
      <span class="card__title">{title}</span>
      <span class="card__value">{value}</span>
      {note && <span class="card__note">{note}</span>}
    </li>
  );
}

interface ChartRow {
  key: string;
  name: string;
  value: number;
}

/** A bar chart for the eye and, beside it, the same figures as a table for everyone (and screen readers). */
function ChartWithTable({ id, caption, header, valueHeader, rows, format }: {
  id: string; caption: string; header: string; valueHeader: string; rows: ChartRow[]; format: (n: number) => string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      aria: { enabled: true, label: { description: `${caption}. De tabel hiernaast bevat dezelfde cijfers.` } },
      animation: false,
      grid: { left: 8, right: 120, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', show: false },
      yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true, axisLabel: { color: '#1a1a1a', fontSize: 14 } },
      series: [{
        type: 'bar',
        data: rows.map((r) => r.value),
        itemStyle: { color: PURPLE },
        barMaxWidth: 28,
        label: { show: true, position: 'right', color: '#1a1a1a', fontSize: 13, formatter: (p: { value: number }) => format(p.value) },
      }],
    });
    const resize = () => chart.resize();
    addEventListener('resize', resize);
    return () => {
      removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [rows]);
  return (
    <div class="chart-with-table">
      <div class="chart" ref={ref} style={{ height: `${Math.max(120, rows.length * 44 + 16)}px` }} aria-describedby={`${id}-tabel`} />
      <div class="utrecht-table-container">
        <table class="utrecht-table utrecht-table--html-table" id={`${id}-tabel`}>
          {/* the section's heading right above says the same: the caption is for screen readers */}
          <caption class="utrecht-table__caption visually-hidden">{caption}</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="col">{header}</th>
              <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">{valueHeader}</th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {rows.length === 0 && <tr class="utrecht-table__row"><td class="utrecht-table__cell" colSpan={2}>Geen gegevens.</td></tr>}
            {rows.map((r) => (
              <tr class="utrecht-table__row" key={r.key}>
                <th class="utrecht-table__header-cell" scope="row">{r.name}</th>
                <td class="utrecht-table__cell utrecht-table__cell--numeric-data">{format(r.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

type SortKey = 'code' | 'name' | 'allocatedCents' | 'requestedCents' | 'awardedCents' | 'reportedSpentCents' | 'reclaimCents' | 'advisoryHoursUsed';

const COLUMNS: { key: SortKey; header: string; numeric?: boolean; format?: (r: SpendingRow) => string }[] = [
  { key: 'code', header: 'Code' },
  { key: 'name', header: 'Gemeente' },
  { key: 'allocatedCents', header: 'Toegewezen', numeric: true, format: (r) => euro(r.allocatedCents) },
  { key: 'requestedCents', header: 'Gevraagd', numeric: true, format: (r) => euro(r.requestedCents) },
  { key: 'awardedCents', header: 'Toegekend', numeric: true, format: (r) => euro(r.awardedCents) },
  { key: 'reportedSpentCents', header: 'Besteed', numeric: true, format: (r) => euro(r.reportedSpentCents) },
  { key: 'reclaimCents', header: 'Terugvordering', numeric: true, format: (r) => euro(r.reclaimCents) },
  { key: 'advisoryHoursUsed', header: 'Adviesuren', numeric: true, format: (r) => hours(r.advisoryHoursUsed) },
];

const SHOW: Record<string, [string, (r: SpendingRow) => boolean]> = {
  all: ['Alle gemeenten', () => true],
  requested: ['Met een aanvraag', (r) => r.requestedCents > 0],
  awarded: ['Met een toekenning', (r) => r.awardedCents > 0],
  reclaim: ['Met een terugvordering', (r) => r.reclaimCents > 0],
  cap: ['Met alle 25 adviesuren gebruikt', (r) => r.advisoryHoursUsed >= 25],
};

// Sorted and searched here, not by the server: the table is one bounded answer of GET /monitoring/spending (exactly
// the 342 municipalities, read by the server from 342 aggregates), already in the browser whole. Sorting or searching
// it again on the server would cost a request per keystroke and add nothing.
function MunicipalityTable({ rows, year }: { rows: SpendingRow[]; year: number }) {
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({ key: 'name', ascending: true });
  const [filter, setFilter] = useState('');
  const [show, setShow] = useState('all');
  const [exportError, setExportError] = useState<unknown>(null);

  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const filtered = rows.filter((r) => SHOW[show][1](r) && (!f || r.name!.toLowerCase().includes(f) || r.code!.toLowerCase().includes(f)));
    const dir = sort.ascending ? 1 : -1;
    return filtered.sort((a, b) => {
      const x = a[sort.key];
      const y = b[sort.key];
      return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'nl')) * dir;
    });
  }, [rows, sort, filter, show]);

  function save(blob: Blob, fileName: string) {
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  async function exportCsv() {
    setExportError(null);
    try {
      const csv = await getText(`/monitoring/spending.csv?year=${year}`);
      save(new Blob([csv], { type: 'text/csv' }), `spuk-besteding-${year}.csv`);
    } catch (e) {
      setExportError(e);
    }
  }

  async function exportWorkbook() {
    setExportError(null);
    try {
      save(await getBlob(`/monitoring/spending.xlsx?year=${year}`), `spuk-besteding-${year}.xlsx`);
    } catch (e) {
      setExportError(e);
    }
  }

  return (
    <>
      <div class="field-row">
        <Field id="gemeente-zoeken" label="Zoek gemeente" description="Naam of code">
          {(aria) => <input {...aria} type="search" class={textboxClass(false)} value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />}
        </Field>
        <Field id="gemeente-tonen" label="Tonen">
          {(aria) => (
            <select {...aria} class="utrecht-select utrecht-select--html-select" value={show} onChange={(e) => setShow(e.currentTarget.value)}>
              {Object.entries(SHOW).map(([k, [text]]) => <option key={k} value={k}>{text}</option>)}
            </select>
          )}
        </Field>
        <div class="field-row__action">
          <button type="button" class="utrecht-button utrecht-button--secondary-action" onClick={exportWorkbook}>Download als Excel</button>
          <button type="button" class="utrecht-button utrecht-button--secondary-action" onClick={exportCsv}>CSV downloaden</button>
        </div>
      </div>
      <ErrorAlert error={exportError} />
      <p class="utrecht-paragraph" role="status">{count(shown.length)} van {count(rows.length)} gemeenten</p>
      <div class="utrecht-table-container utrecht-table-container--overflow-inline table-scroll" tabIndex={0} role="region" aria-label={`Cijfers per gemeente ${year}`}>
        <table class="utrecht-table utrecht-table--html-table" id="gemeenten-tabel">
          <caption class="utrecht-table__caption">Cijfers per gemeente {year}</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              {COLUMNS.map((c) => {
                const active = sort.key === c.key;
                return (
                  <th key={c.key} scope="col" aria-sort={active ? (sort.ascending ? 'ascending' : 'descending') : undefined}
                    class={`utrecht-table__header-cell${c.numeric ? ' utrecht-table__header-cell--numeric-column' : ''}`}>
                    <button type="button" class="sort-button" onClick={() => setSort({ key: c.key, ascending: active ? !sort.ascending : !c.numeric })}>
                      {c.header}<span aria-hidden="true">{active ? (sort.ascending ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {shown.map((r) => (
              <tr class="utrecht-table__row" key={r.code}>
                {COLUMNS.map((c) => c.key === 'name'
                  ? <th key={c.key} scope="row" class="utrecht-table__header-cell">{r.name}</th>
                  : <td key={c.key} class={`utrecht-table__cell${c.numeric ? ' utrecht-table__cell--numeric-data' : ''}`}>{c.format ? c.format(r) : r[c.key]}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
