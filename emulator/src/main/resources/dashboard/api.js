// The dashboard's only way to the emulator: the ARM API and the control API, as any client calls them.
export const API = {
  subscriptions: '2022-12-01',
  groups: '2021-04-01',
  ml: '2022-10-01',
  aks: '2024-09-01',
  compute: '2023-07-01',
  deployments: '2021-04-01',
};

/** An ARM error, exactly as a client gets it: status, code and message. */
export class ArmError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

let token = null;
let controlToken = sessionStorage.getItem('controlToken');

export function setControlToken(value) {
  controlToken = value;
  sessionStorage.setItem('controlToken', value);
}

/** A bearer token from the emulator's Entra-shaped token endpoint, for the default service principal. */
async function bearer() {
  if (token && token.expires > Date.now() + 60_000) {
    return token.value;
  }
  const id = await control('GET', '/_emulator/identity');
  const form = new URLSearchParams({
    grant_type: 'client_credentials', client_id: id.clientId, client_secret: id.clientSecret,
    scope: 'https://management.azure.com/.default',
  });
  const res = await fetch(`/${id.tenantId}/oauth2/v2.0/token`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form,
  });
  const body = await res.json();
  if (!res.ok) {
    throw new ArmError(res.status, body.error || 'TokenRefused', body.error_description || 'no token');
  }
  token = { value: body.access_token, expires: Date.now() + body.expires_in * 1000 };
  return token.value;
}

async function answer(res) {
  const text = await res.text();
  const body = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const e = body && body.error ? body.error : { code: String(res.status), message: text };
    throw new ArmError(res.status, e.code, e.message);
  }
  return { status: res.status, headers: res.headers, body };
}

/** An ARM call: path with its api-version, optional JSON body. Answers {status, headers, body} or throws ArmError. */
export async function arm(method, path, body) {
  const headers = { Authorization: `Bearer ${await bearer()}`, 'x-ms-client-request-id': crypto.randomUUID() };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return answer(res);
}

/** A control API call under /_emulator/; answers the JSON body or throws ArmError. */
export async function control(method, path, body) {
  const headers = {};
  if (controlToken) {
    headers.Authorization = `Bearer ${controlToken}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return (await answer(res)).body;
}

/** Every item of an ARM list, following nextLink. */
export async function list(path) {
  const out = [];
  let next = path;
  while (next) {
    const { body } = await arm('GET', next);
    out.push(...(body.value || []));
    next = body.nextLink ? new URL(body.nextLink).pathname + new URL(body.nextLink).search : null;
  }
  return out;
}

export function controlHeaders() {
  return controlToken ? { Authorization: `Bearer ${controlToken}` } : {};
}

/** The parts of an ARM id: subscription, group, provider type and name. */
export function parseId(id) {
  const p = id.split('/');
  const at = (k) => {
    const i = p.findIndex((x) => x.toLowerCase() === k);
    return i < 0 ? null : p[i + 1];
  };
  return { subscription: at('subscriptions'), group: at('resourcegroups'), name: p[p.length - 1] };
}
