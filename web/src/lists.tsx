// Server-side lists: a search term, an order and pages (limit + nextToken), as the API's lists offer them.
import { useState } from 'preact/hooks';
import { get } from './api';
import { Button, ButtonGroup, Field, textboxClass, useLoad } from './ui';

export const PAGE_SIZE = 25;

export interface ListState<T> {
  items: T[] | undefined;
  error: unknown;
  loading: boolean;
  page: number;
  hasNext: boolean;
  next: () => void;
  previous: () => void;
  reload: () => void;
}

/**
 * One page of `path` (whose query already holds its filters) with `q` and `sort`; going back keeps the tokens of the
 * pages seen, so a page is asked again exactly as before. A new search or order starts at page 1.
 */
export function usePagedList<T>(path: string, search: string, sort: string): ListState<T> {
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const [key, setKey] = useState(`${path}|${search}|${sort}`);
  const current = `${path}|${search}|${sort}`;
  const stack = key === current ? tokens : [undefined];
  if (key !== current) {
    setKey(current);
    setTokens([undefined]);
  }
  const token = stack[stack.length - 1];
  const { data, error, loading, reload } = useLoad(async () => {
    const params = new URLSearchParams({ limit: String(PAGE_SIZE), sort });
    if (search.trim()) params.set('q', search.trim());
    if (token) params.set('nextToken', token);
    const sep = path.includes('?') ? '&' : '?';
    return get<{ items: T[]; nextToken?: string }>(`${path}${sep}${params}`);
  }, [current, token]);
  return {
    items: data?.items,
    error,
    loading,
    page: stack.length,
    hasNext: !!data?.nextToken,
    next: () => data?.nextToken && setTokens([...stack, data.nextToken]),
    previous: () => stack.length > 1 && setTokens(stack.slice(0, -1)),
    reload,
  };
}

/** The search field (searches on Enter or with its button) and the order of a list. */
export function ListControls({ id, search, onSearch, sort, onSort, sorts, hint = 'Titel, gemeente of CBS-code' }: {
  id: string; search: string; onSearch: (q: string) => void; sort: string; onSort: (s: string) => void;
  sorts: [string, string][]; hint?: string;
}) {
  const [typed, setTyped] = useState(search);
  return (
    <form class="field-row list-controls" role="search" aria-label="Zoeken en sorteren" onSubmit={(e) => { e.preventDefault(); onSearch(typed); }}>
      <Field id={`${id}-zoeken`} label="Zoeken" description={hint}>
        {(aria) => <input {...aria} type="search" class={textboxClass(false)} value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />}
      </Field>
      <div class="field-row__action">
        <Button type="submit" variant="secondary">Zoeken</Button>
      </div>
      <Field id={`${id}-sorteren`} label="Sorteren">
        {(aria) => (
          <select {...aria} class="utrecht-select utrecht-select--html-select" value={sort} onChange={(e) => onSort(e.currentTarget.value)}>
            {sorts.map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        )}
      </Field>
    </form>
  );
}

/** Previous and next page, with where the user is. */
export function Pager({ list, label }: { list: ListState<unknown>; label: string }) {
  if (list.page === 1 && !list.hasNext) return null;
  return (
    <nav class="pager" aria-label={`Pagina's ${label}`}>
      <ButtonGroup>
        <Button variant="secondary" disabled={list.page === 1 || list.loading} onClick={list.previous}>Vorige pagina</Button>
        <span class="pager__where" aria-live="polite">Pagina {list.page}</span>
        <Button variant="secondary" disabled={!list.hasNext || list.loading} onClick={list.next}>Volgende pagina</Button>
      </ButtonGroup>
    </nav>
  );
}

export const NEWEST_FIRST: [string, string][] = [['-createdAt', 'Nieuwste eerst'], ['createdAt', 'Oudste eerst']];
export const OLDEST_FIRST: [string, string][] = [['createdAt', 'Oudste eerst'], ['-createdAt', 'Nieuwste eerst']];
