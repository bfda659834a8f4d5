// The caller's unread notifications, for the header's "Meldingen" link: read when the page changes and every
// minute while the tab is visible, never more than once per 15 seconds, and at once after a notification was read.
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, type Notification } from './api';

const PAGE = 100;
const EVERY_MS = 60_000;
const AT_MOST_EVERY_MS = 15_000;
const listeners = new Set<() => void>();

/** Tells the header that notifications were marked read, so it counts again. */
export function notificationsRead(): void {
  listeners.forEach((l) => l());
}

/** How many of the newest 100 notifications are unread, and whether there may be more beyond them. */
export interface Unread {
  count: number;
  more: boolean;
}

async function countUnread(): Promise<Unread> {
  const page = await get<{ items: Notification[]; nextToken?: string }>(`/notifications?limit=${PAGE}`);
  const count = page.items.filter((n) => !n.read).length;
  return { count, more: !!page.nextToken && count === page.items.length };
}

/** The unread count, refreshed on every change of `path` (throttled), periodically and after a read. */
export function useUnread(path: string, enabled: boolean): Unread | null {
  const [unread, setUnread] = useState<Unread | null>(null);
  const [forced, setForced] = useState(0);
  const lastRead = useRef(0);
  const lastForced = useRef(0);

  useEffect(() => {
    const force = () => setForced((f) => f + 1);
    listeners.add(force);
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') force();
    }, EVERY_MS);
    return () => {
      listeners.delete(force);
      clearInterval(timer);
    };
  }, []);

  // a forced read (after marking) always goes; a navigation only when the last read is a while ago
  useEffect(() => {
    if (!enabled) return;
    const now = Date.now();
    const isForced = forced !== lastForced.current;
    lastForced.current = forced;
    if (!isForced && now - lastRead.current < AT_MOST_EVERY_MS) return;
    lastRead.current = now;
    let live = true;
    countUnread().then((u) => live && setUnread(u), () => { /* the link stays as it was */ });
    return () => {
      live = false;
    };
  }, [path, forced, enabled]);

  return unread;
}
