// A person at startOpenIdProvider()'s pages (oidc_provider.mjs), as a plain HTTP client: fetch with redirect:
// 'manual' and a cookie jar, for API tests that cannot drive a browser. signInAtProvider() follows the sign-in from
// the relying party's authorization URL to its callback.
import assert from 'node:assert/strict';

/**
 * A cookie jar for one person's user agent: cookies by name and path, sent to every port of the host that set them
 * (as browsers do), honouring Path, Max-Age and Expires. Enough for the providers here; not a general implementation.
 */
export function createCookieJar() {
  const cookies = new Map(); // `${host}\n${path}\n${name}` -> {host, path, name, value, expires}
  const defaultPath = (pathname) => {
    const cut = pathname.lastIndexOf('/');
    return cut <= 0 ? '/' : pathname.slice(0, cut);
  };
  const pathMatches = (cookiePath, requestPath) => requestPath === cookiePath
    || (requestPath.startsWith(cookiePath) && (cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/'));
  return {
    /** Records the Set-Cookie headers of a fetch Response for its URL. */
    store(url, response) {
      const { hostname, pathname } = new URL(url);
      for (const header of response.headers.getSetCookie()) {
        const [pair, ...attributes] = header.split(';');
        const eq = pair.indexOf('=');
        if (eq < 1) continue;
        const cookie = {
          host: hostname, path: defaultPath(pathname), name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), expires: undefined,
        };
        for (const attribute of attributes) {
          const [key, ...rest] = attribute.split('=');
          const value = rest.join('=').trim();
          switch (key.trim().toLowerCase()) {
            case 'path': if (value.startsWith('/')) cookie.path = value; break;
            case 'max-age': cookie.expires = Date.now() + Number(value) * 1000; break;
            case 'expires': if (cookie.expires === undefined) cookie.expires = Date.parse(value); break;
            default: break;
          }
        }
        const key = `${cookie.host}\n${cookie.path}\n${cookie.name}`;
        if (cookie.expires !== undefined && cookie.expires <= Date.now()) cookies.delete(key);
        else cookies.set(key, cookie);
      }
    },
    /** The Cookie header for a request to url, or undefined. */
    header(url) {
      const { hostname, pathname } = new URL(url);
      const now = Date.now();
      const matching = [...cookies.values()]
        .filter((c) => c.host === hostname && pathMatches(c.path, pathname) && (c.expires === undefined || c.expires > now))
        .sort((a, b) => b.path.length - a.path.length);
      return matching.length ? matching.map((c) => `${c.name}=${c.value}`).join('; ') : undefined;
    },
    /** Every cookie, for failure messages. */
    list: () => [...cookies.values()],
  };
}

/** One request by the person's user agent: no redirect followed, cookies sent and kept. */
async function browse(jar, url, { method = 'GET', form } = {}) {
  const headers = { accept: 'text/html' };
  const cookie = jar.header(url);
  if (cookie) headers.cookie = cookie;
  let body;
  if (form) {
    body = new URLSearchParams(form).toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  const response = await fetch(url, { method, headers, body, redirect: 'manual' });
  jar.store(url, response);
  const location = response.headers.get('location');
  const text = await response.text();
  return {
    status: response.status, location: location ? new URL(location, url).href : undefined, text, url,
  };
}

const decodeHtml = (s) => s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e) => ({
  amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'",
}[e]));

/** The forms of a page: [{id, action, method, inputs: {name: value}}] (hidden and valued inputs). */
function formsOf(html, pageUrl) {
  const forms = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attr = (source, name) => {
      const m = new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(source);
      return m ? decodeHtml(m[1]) : undefined;
    };
    const inputs = {};
    for (const input of match[2].matchAll(/<input\b([^>]*)>/gi)) {
      const name = attr(input[1], 'name');
      if (name) inputs[name] = attr(input[1], 'value') ?? '';
    }
    forms.push({
      id: attr(match[1], 'id'),
      action: new URL(attr(match[1], 'action') ?? pageUrl, pageUrl).href,
      method: (attr(match[1], 'method') ?? 'get').toUpperCase(),
      inputs,
    });
  }
  return forms;
}

const pageText = (html) => html.replace(/<head[\s\S]*?<\/head>/gi, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

function describeStep(step) {
  return `${step.status} at ${step.url}${step.location ? ` -> ${step.location}` : ''}: ${pageText(step.text).slice(0, 500)}`;
}

/** Whether url is the redirect_uri (same origin and path) that the authorization request named. */
function isRedirectUri(url, redirectUri) {
  const a = new URL(url);
  const b = new URL(redirectUri);
  return a.origin === b.origin && a.pathname === b.pathname;
}

/**
 * Plays a person signing in at startOpenIdProvider()'s provider, starting at the authorization URL the relying party
 * gave (<issuer>/auth?client_id&redirect_uri&response_type=code&scope&state&nonce&code_challenge...), and resolves
 * with the final redirect to the relying party's redirect_uri (<redirect_uri>?code=...&state=...&iss=<issuer>), which
 * it does not follow. With cancel: true the person presses Cancel instead, and the redirect carries
 * error=access_denied. Pass a jar (createCookieJar()) to keep the provider's session for a second sign-in without the
 * form (single sign-on); a fresh jar is used otherwise. Rejects with what the provider
 * showed if it refuses (an unknown login, a redirect_uri it does not know, ...).
 */
export async function signInAtProvider(authorizationUrl, login, {
  password = 'any-password', cancel = false, jar = createCookieJar(), maxSteps = 12,
} = {}) {
  const redirectUri = new URL(authorizationUrl).searchParams.get('redirect_uri');
  assert.ok(redirectUri, `the authorization URL has no redirect_uri: ${authorizationUrl}`);
  let step = await browse(jar, authorizationUrl);
  let submitted = false;
  for (let n = 0; n < maxSteps; n += 1) {
    if (step.location && isRedirectUri(step.location, redirectUri)) return step.location;
    if (step.location && [301, 302, 303, 307].includes(step.status)) {
      step = await browse(jar, step.location);
      continue;
    }
    const forms = step.status === 200 ? formsOf(step.text, step.url) : [];
    const loginForm = forms.find((f) => f.id === 'login-form');
    const cancelForm = forms.find((f) => f.id === 'cancel-form');
    if (loginForm && !submitted) {
      submitted = true;
      step = cancel
        ? await browse(jar, cancelForm.action, { method: 'POST', form: cancelForm.inputs })
        : await browse(jar, loginForm.action, { method: 'POST', form: { ...loginForm.inputs, login, password } });
      continue;
    }
    // oidc-provider's self-submitting form (a session for another account had to end first).
    if (forms.length === 1 && /document\.forms\[0\]\.submit\(\)/.test(step.text)) {
      step = await browse(jar, forms[0].action, { method: forms[0].method, form: forms[0].inputs });
      continue;
    }
    throw new Error(`signing in as ${login} at the provider stopped: ${describeStep(step)}`);
  }
  throw new Error(`signing in as ${login} took more than ${maxSteps} steps; last: ${describeStep(step)}`);
}
