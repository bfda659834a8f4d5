import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { signOut, startCognitoSignIn, type Config, type User } from './auth';
import { ROLE } from './format';
import { match, navigate, onLinkClick, rememberReturn, takeReturn, usePath } from './router';
import { Alert, Loading, PageTitle, P } from './ui';
import { Login } from './views/Login';
import { MyApplications } from './views/MyApplications';
import { DraftForm } from './views/DraftForm';
import { ApplicationPage } from './views/ApplicationPage';
import { AdvisorQueue } from './views/AdvisorQueue';
import { MinistryWork } from './views/MinistryWork';
import { Allocations } from './views/Allocations';
import { AllApplications } from './views/AllApplications';
import { Notifications } from './views/Notifications';
import { MUNICIPALITIES } from './municipalities';
import { useUnread, type Unread } from './notifications';

/** A view in a chunk of its own (charts, the BPMN viewer), fetched when first shown. */
function Lazy<P extends object>({ load, props }: { load: () => Promise<ComponentType<P>>; props: P }) {
  const [View, setView] = useState<ComponentType<P> | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    load().then((v) => setView(() => v), () => setFailed(true));
  }, [load]);
  if (failed) return <Alert type="error"><P>Dit onderdeel kon niet worden geladen. Laad de pagina opnieuw.</P></Alert>;
  return View ? <View {...props} /> : <Loading />;
}

const loadDashboard = () => import('./views/Dashboard').then((m) => m.Dashboard);
const loadProcess = () => import('./views/ProcessView').then((m) => m.ProcessView);

const HOME: Record<string, string> = { municipality: '/aanvragen', advisor: '/wachtrij', ministry: '/werkvoorraad' };

const NAV: Record<string, [string, string][]> = {
  municipality: [['/aanvragen', 'Mijn aanvragen'], ['/aanvragen/nieuw', 'Nieuwe aanvraag']],
  advisor: [['/wachtrij', 'Beoordelingswachtrij'], ['/aanvragen', 'Alle aanvragen']],
  ministry: [['/werkvoorraad', 'Werkvoorraad'], ['/aanvragen', 'Aanvragen'], ['/toewijzingen', 'Toewijzingen'], ['/dashboard', 'Landelijk dashboard']],
};

export function App({ config, initialUser }: { config: Config; initialUser: User | null }) {
  const [user, setUser] = useState<User | null>(initialUser);
  const path = usePath();

  useEffect(() => {
    if (!user && path !== '/inloggen') {
      // a deep link opened while signed out: back to it after signing in
      rememberReturn(location.pathname + location.search + location.hash);
      navigate('/inloggen', { replace: true });
    }
    if (user && (path === '/' || path === '/inloggen')) navigate(takeReturn() ?? HOME[user.role], { replace: true });
  }, [user, path]);

  if (!user) {
    return (
      <Shell user={null} config={config} path={path}>
        {config.auth === 'local'
          ? <Login onSignedIn={(u) => { setUser(u); navigate(takeReturn() ?? HOME[u.role], { replace: true }); }} />
          : <CognitoSignIn config={config} />}
      </Shell>
    );
  }
  return (
    <Shell user={user} config={config} path={path}>
      <Routes key={path} user={user} path={path} />
    </Shell>
  );
}

function CognitoSignIn({ config }: { config: Extract<Config, { auth: 'cognito' }> }) {
  return (
    <>
      <PageTitle title="Inloggen">Inloggen</PageTitle>
      <P>U logt in met uw account bij de SPUK Mantelzorg. U gaat daarvoor naar de inlogpagina en komt daarna hier terug.</P>
      <button class="utrecht-button utrecht-button--primary-action" type="button" onClick={() => startCognitoSignIn(config)}>
        Inloggen
      </button>
    </>
  );
}

function Routes({ user, path }: { user: User; path: string }) {
  let m: Record<string, string> | null;
  if (path === '/aanvragen') {
    return user.role === 'municipality' ? <MyApplications user={user} /> : <AllApplications user={user} />;
  }
  if (path === '/aanvragen/nieuw' && user.role === 'municipality') return <DraftForm user={user} />;
  if ((m = match('/aanvragen/:id/bewerken', path)) && user.role === 'municipality') return <DraftForm user={user} id={m.id} />;
  if ((m = match('/aanvragen/:id/proces', path))) return <Lazy load={loadProcess} props={{ id: m.id, user }} />;
  if ((m = match('/aanvragen/:id', path))) return <ApplicationPage id={m.id} user={user} />;
  if (path === '/wachtrij' && user.role === 'advisor') return <AdvisorQueue />;
  if (path === '/werkvoorraad' && user.role === 'ministry') return <MinistryWork />;
  if (path === '/toewijzingen' && user.role === 'ministry') return <Allocations />;
  if (path === '/dashboard' && user.role === 'ministry') return <Lazy load={loadDashboard} props={{}} />;
  if (path === '/meldingen') return <Notifications />;
  if (path === '/' || path === '/inloggen') return <Loading />;
  return (
    <>
      <PageTitle title="Pagina niet gevonden">Pagina niet gevonden</PageTitle>
      <P>Deze pagina bestaat niet of is niet voor uw rol bedoeld. <a class="utrecht-link" href={HOME[user.role]}>Naar uw startpagina</a>.</P>
    </>
  );
}

/** The municipality's name for its code: `Groningen`. */
function municipalityName(code: string): string {
  return MUNICIPALITIES.find(([c]) => c === code)?.[1] ?? code;
}

/** "Meldingen" with the unread count, which is also in the link's accessible name: "Meldingen, 3 ongelezen". */
function NotificationsLink({ unread, current }: { unread: Unread | null; current: boolean }) {
  const n = unread?.count ?? 0;
  const shown = unread?.more ? `${n}+` : `${n}`;
  return (
    <a class="page-nav__link notifications-link" href="/meldingen" aria-current={current ? 'page' : undefined}>
      Meldingen
      {n > 0 && (
        <>
          <span class="visually-hidden">, </span>
          <span class="count-badge">{shown}</span>
          <span class="visually-hidden"> ongelezen</span>
        </>
      )}
    </a>
  );
}

function Shell({ user, config, path, children }: { user: User | null; config: Config; path: string; children: preact.ComponentChildren }) {
  const nav = user ? NAV[user.role] : [];
  const unread = useUnread(path, user !== null);
  return (
    <div class="page" onClick={onLinkClick}>
      <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">Direct naar de inhoud</a>
      <header class="page-header">
        <div class="page-header__content">
          <a class="brand" href={user ? HOME[user.role] : '/'}>
            <span class="brand__mark" aria-hidden="true" />
            <span class="brand__text">SPUK Mantelzorg<span class="brand__sub">in de sociale basis</span></span>
          </a>
          {user && (
            <div class="who">
              <span>
                <span class="visually-hidden">Ingelogd als </span>
                <strong>{user.name}</strong> · {user.municipality ? `Gemeente ${municipalityName(user.municipality)}` : ROLE[user.role]}
              </span>
              <button class="utrecht-button utrecht-button--subtle" type="button" onClick={() => signOut(config)}>Uitloggen</button>
            </div>
          )}
        </div>
        {nav.length > 0 && (
          <nav class="page-nav" aria-label="Hoofdmenu">
            <ul class="page-nav__list">
              {nav.map(([href, text]) => (
                <li key={href}>
                  <a class="page-nav__link" href={href} aria-current={path === href ? 'page' : undefined}>{text}</a>
                </li>
              ))}
              <li class="page-nav__end">
                <NotificationsLink unread={unread} current={path === '/meldingen'} />
              </li>
            </ul>
          </nav>
        )}
      </header>
      <main id="inhoud" class="page-main" tabIndex={-1}>
        {children}
      </main>
      <footer class="page-footer">
        <p class="utrecht-paragraph utrecht-paragraph--small">
          Specifieke uitkering Mantelzorg in de sociale basis 2023–2026 · gemeenten, Adviesteam Mantelzorg en ministerie van VWS
        </p>
      </footer>
    </div>
  );
}
