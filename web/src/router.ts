// A small History API router: the UI's paths are Dutch, so they never collide with the API's English ones.
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set<() => void>();

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  listeners.forEach((l) => l());
}

/** The current path; the component re-renders on every navigation. */
export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    listeners.add(update);
    addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      removeEventListener('popstate', update);
    };
  }, []);
  return path;
}

/** Matches `/aanvragen/:id` against a path; the named parts, or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/');
  const s = path.replace(/\/+$/, '').split('/');
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

let leaveGuard: (() => Promise<boolean>) | null = null;

/**
 * While a page holds unsaved work: `guard` asks whether to leave it before an in-app link is followed. Returns the
 * function that removes it again.
 */
export function setLeaveGuard(guard: () => Promise<boolean>): () => void {
  leaveGuard = guard;
  return () => {
    if (leaveGuard === guard) leaveGuard = null;
  };
}

/** Goes to `path` unless the page's leave guard is answered with "stay". */
export async function leave(path: string): Promise<void> {
  if (leaveGuard && !(await leaveGuard())) return;
  leaveGuard = null;
  navigate(path);
}

/** Link clicks stay in the page; modified clicks (new tab) are left to the browser. */
export function onLinkClick(e: MouseEvent): void {
  const a = (e.target as Element).closest('a');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const href = a.getAttribute('href');
  if (!href || !href.startsWith('/') || a.target || a.hasAttribute('download')) return;
  e.preventDefault();
  leave(href);
}

const RETURN_KEY = 'spuk.returnTo';

/** Keeps the page a signed-out user asked for (path, query and fragment), to return to after signing in. */
export function rememberReturn(path: string): void {
  if (path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/inloggen') && path !== '/') {
    sessionStorage.setItem(RETURN_KEY, path);
  }
}

/** The page to return to after signing in, once; null when there is none. */
export function takeReturn(): string | null {
  const path = sessionStorage.getItem(RETURN_KEY);
  sessionStorage.removeItem(RETURN_KEY);
  return path && path.startsWith('/') && !path.startsWith('//') ? path : null;
}
