import { render } from 'preact';
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-700.css';
import '@fontsource/noto-serif/latin-700.css';
import '@utrecht/component-library-css/dist/index.css';
import '@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css';
import './styles.css';
import { setApiBase, whenUnauthorized } from './api';
import { finishCognitoSignIn, loadConfig, resumeLocally, type Config, type User } from './auth';
import { App } from './app';
import { navigate, rememberReturn } from './router';

const root = document.getElementById('app')!;

async function start(): Promise<void> {
  let config: Config;
  try {
    config = await loadConfig();
  } catch {
    render(<p class="utrecht-paragraph">De toepassing kon haar instellingen niet laden. Probeer het later opnieuw.</p>, root);
    return;
  }
  let user: User | null = null;
  if (config.auth === 'local') {
    user = await resumeLocally();
  } else {
    setApiBase(config.apiUrl);
    try {
      const back = await finishCognitoSignIn(config);
      if (back) {
        user = back.user;
        navigate(back.returnTo, { replace: true });
      }
    } catch {
      user = null;
    }
  }
  whenUnauthorized(() => {
    sessionStorage.clear();
    rememberReturn(location.pathname + location.search + location.hash);
    location.assign('/inloggen');
  });
  render(<App config={config} initialUser={user} />, root);
}

start();
