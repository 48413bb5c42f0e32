// The gateway's REST API with the signed-in user's token: JSON in and out, problem+json errors, paging.
import { accessToken, refresh } from './auth.js';

export class ApiError extends Error {
  constructor(status, problem) {
    const fields = (problem['invalid-params'] || []).map((p) => `${p.name}: ${p.reason}`).join('; ');
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.fields = fields;
  }
}

async function call(method, path, body, retried = false) {
  const response = await fetch(path, {
    method,
    headers: { Authorization: `Bearer ${accessToken()}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  if (response.status === 401 && !retried) {
    await refresh();
    return call(method, path, body, true);
  }
  if (response.status === 429 && !retried) {
    await new Promise((resolve) => setTimeout(resolve, 1000 * Number(response.headers.get('Retry-After') || 1)));
    return call(method, path, body, true);
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new ApiError(response.status, problem);
  }
  return response.status === 204 ? null : response.json();
}

export const api = {
  get: (path) => call('GET', path),
  post: (path, body = {}) => call('POST', path, body),
  put: (path, body) => call('PUT', path, body),
};

/** Every page of a list, as one array of the items under {@code key}. */
export async function everyPage(path, key, pageSize = 1000) {
  const items = [];
  let token = '';
  const separator = path.includes('?') ? '&' : '?';
  do {
    const page = await api.get(`${path}${separator}pageSize=${pageSize}${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`);
    items.push(...(page[key] || []));
    token = page.page?.nextPageToken || '';
  } while (token);
  return items;
}

/** A query string from the defined values ({@code status: [...]} repeats the name). */
export function query(values) {
  const params = new URLSearchParams();
  Object.entries(values).forEach(([name, value]) => {
    (Array.isArray(value) ? value : [value]).filter((v) => v !== undefined && v !== null && v !== '').forEach((v) => params.append(name, v));
  });
  const text = params.toString();
  return text ? `?${text}` : '';
}
