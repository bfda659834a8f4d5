// The HTTP API (openapi.yaml), typed as far as the screens use it. The token lives in memory only.

import { setWorkflowToday } from './format';

export type Cents = Record<string, number>;

export interface Activity {
  theme: string | null;
  title: string;
  description: string | null;
  budgetCents: Cents;
}

export interface Application {
  id: string;
  municipalityCode: string;
  municipalityName: string;
  title: string;
  status: string;
  /** The award's kenmerk (SPUK-2026-00042) once approved; null before and for a rejection. */
  reference: string | null;
  years: number[];
  activities: Activity[];
  requestedCents: Cents;
  awardedCents: Cents;
  contact: { name: string | null; email: string | null } | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  reviewEscalatedAt: string | null;
  /** While IN_REVIEW, the review's last day (YYYY-MM-DD); it moves later by the days spent in CHANGES_REQUESTED. */
  reviewDueDate: string | null;
  /** Per awarded year, the day its report is due (YYYY-MM-DD): 15 July of the next year unless the ministry extended it. */
  reportDeadlines: Record<string, string>;
  advice: { outcome: string; summary: string | null; documentId: string | null; advisor: string; at: string } | null;
  decision: {
    outcome: string; awardedCents: Cents; conditions: string | null; motivation: string | null;
    proposedBy: string; proposedById: string; proposedAt: string; approvedBy: string | null; approvedAt: string | null;
  } | null;
  settlement: {
    awardedCents: Cents; reportedSpentCents: Cents; eligibleSpentCents: Cents; totalAwardedCents: number;
    totalEligibleSpentCents: number; reclaimCents: number; proposedBy: string; proposedAt: string;
    approvedBy: string | null; approvedAt: string | null;
  } | null;
}

export interface Task {
  taskId: string;
  type: string;
  applicationId: string;
  applicationTitle: string | null;
  municipalityCode: string;
  municipalityName: string | null;
  /** An approval of what the caller proposed: four eyes leave it to a colleague. */
  ownProposal: boolean;
  createdAt: string;
  dueDate: string | null;
  year?: number | null;
}

export interface DocumentInfo {
  documentId: string;
  kind: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  status: string;
  sha256: string | null;
  uploadedAt: string | null;
  /** Why the upload check refused it (Dutch); null unless REJECTED. */
  rejectionReason: string | null;
}

/** A history detail: text, a number, a flag, or amounts per year (`{"2025": 1500000}`). */
export type DetailValue = string | number | boolean | Record<string, number>;

export interface HistoryEvent {
  at: string;
  actor: string | null;
  actorId: string | null;
  role: string | null;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  details: Record<string, DetailValue> | null;
}

export interface Report {
  year: number;
  status: string;
  spentCents: Cents;
  totalSpentCents: number;
  caregiversReached: number;
  respiteHours: number;
  narrative: string;
  documentId: string | null;
  submittedAt: string | null;
  reviewedAt: string | null;
  rejectionReason: string | null;
}

export interface HoursOverview {
  capHours: number;
  usedHours: number;
  remainingHours: number;
  entries?: { entryId: string; applicationId: string; hours: number; theme: string; date: string; note: string | null; advisor: string; loggedAt: string }[];
}

export interface Municipality {
  code: string;
  name: string;
  allocationsCents?: Cents;
}

/** `GET /municipalities/{code}`: per year the allocation, what approved awards committed of it, and what is left. */
export interface MunicipalityAllocation {
  code: string;
  name: string;
  allocationsCents: Cents;
  committedCents: Cents;
  headroomCents: Cents;
}

export interface Notification {
  id: string;
  type: string;
  applicationId: string;
  municipalityCode: string | null;
  message: string;
  createdAt: string;
  read: boolean;
}

export interface SpendingRow {
  code?: string;
  name?: string;
  allocatedCents: number;
  requestedCents: number;
  awardedCents: number;
  reportedSpentCents: number;
  reclaimCents: number;
  advisoryHoursUsed: number;
}

export interface Spending {
  year: number;
  totals: SpendingRow;
  byMunicipality: SpendingRow[];
  byTheme: Record<string, number>;
  applicationsByStatus: Record<string, number>;
  advisoryHours: { usedHours: number; municipalitiesAtCap: number };
  overdueReports: number;
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** An RFC 9457 problem answer, or a failure to reach the server at all (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
    readonly members: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

let token: string | null = null;
/**
 * Where the API is, its major version included: /v1 on the page's own origin in local mode, the HTTP API's URL
 * in AWS (from /config.json, the stack output ApiUrl, which ends in /v1).
 */
let apiBase = '/v1';
let onUnauthorized: () => void = () => {};

export function setToken(value: string | null): void {
  token = value;
}

export function setApiBase(url: string): void {
  apiBase = url.replace(/\/+$/, '');
}

/** Called when the API answers 401: the session has ended. */
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

interface Options {
  json?: unknown;
  /** A file's content as it is: CSV text or a workbook's bytes, with its media type. */
  file?: { type: string; body: string | Blob };
  ifMatch?: number;
  /** POST commands carry a fresh key so that a retried click is not applied twice. */
  idempotent?: boolean;
}

async function send(method: string, path: string, options: Options = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: string | Blob | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.file !== undefined) {
    headers['Content-Type'] = options.file.type;
    body = options.file.body;
  }
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
  if (options.idempotent) headers['Idempotency-Key'] = crypto.randomUUID();
  let response: Response;
  try {
    response = await fetch(`${apiBase}${path}`, { method, headers, body });
  } catch {
    throw new ApiError(0, 'network');
  }
  if (response.status === 401) {
    onUnauthorized();
  }
  if (!response.ok) {
    throw await problem(response);
  }
  return response;
}

async function problem(response: Response): Promise<ApiError> {
  try {
    const p = await response.json();
    const { type: _t, title: _ti, status: _s, detail, errors, ...members } = p ?? {};
    return new ApiError(response.status, String(detail ?? ''), Array.isArray(errors) ? errors : [], members);
  } catch {
    return new ApiError(response.status, '');
  }
}

export async function get<T>(path: string): Promise<T> {
  const body = await (await send('GET', path)).json();
  // the task list names the workflow's date: deadlines are judged by it (the process's clock, not this computer's)
  if (body && typeof body.today === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(body.today)) setWorkflowToday(body.today);
  return body;
}

export async function post<T>(path: string, json?: unknown): Promise<T> {
  return (await send('POST', path, { json: json ?? {}, idempotent: true })).json();
}

/** A later due date for the year's report (ministry). */
export function extendReportDeadline(applicationId: string, year: number, dueDate: string, reason: string): Promise<Application> {
  return post(`/applications/${applicationId}/reports/${year}/extension`, { dueDate, reason });
}

/** Reminds the municipality of its overdue report once more (ministry). */
export function remindOverdueReport(applicationId: string, year: number): Promise<Application> {
  return post(`/applications/${applicationId}/reports/${year}/reminder`);
}

/** Reminds every municipality whose report on the year is overdue (ministry); answers how many. */
export function remindOverdueReports(year: number): Promise<{ sent: number }> {
  return post('/reports/reminders', { year });
}

export async function put<T>(path: string, json: unknown, ifMatch?: number): Promise<T> {
  return (await send('PUT', path, { json, ifMatch })).json();
}

export async function del(path: string): Promise<void> {
  await send('DELETE', path);
}

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Posts a file as it is: CSV text (`text/csv`) or an Excel workbook (XLSX). */
export async function postFile<T>(path: string, type: string, body: string | Blob): Promise<T> {
  return (await send('POST', path, { file: { type, body }, idempotent: true })).json();
}

/** A text body such as a CSV export, read with the bearer token (a plain link could not send it). */
export async function getText(path: string): Promise<string> {
  return (await send('GET', path)).text();
}

/** A binary body such as the Excel export, read with the bearer token. */
export async function getBlob(path: string): Promise<Blob> {
  return (await send('GET', path)).blob();
}

export async function items<T>(path: string): Promise<T[]> {
  return (await get<{ items: T[] }>(path)).items;
}

/** All pages of a paged list. */
export async function allPages<T>(path: string): Promise<T[]> {
  const out: T[] = [];
  let next: string | undefined;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await get<{ items: T[]; nextToken?: string }>(
      next ? `${path}${sep}limit=100&nextToken=${encodeURIComponent(next)}` : `${path}${sep}limit=100`,
    );
    out.push(...page.items);
    next = page.nextToken;
  } while (next);
  return out;
}

/**
 * Announces a document, puts its bytes to the presigned URL with progress, then waits until the upload check has
 * marked it AVAILABLE. Resolves with the document id.
 */
export async function uploadDocument(
  applicationId: string,
  file: File,
  kind: string,
  onProgress: (fraction: number) => void,
): Promise<string> {
  const contentType = contentTypeOf(file);
  const ticket = await post<{ documentId: string; uploadUrl: string }>(`/applications/${applicationId}/documents`, {
    fileName: file.name, contentType, sizeBytes: file.size, kind,
  });
  await new Promise<void>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', ticket.uploadUrl);
    xhr.setRequestHeader('Content-Type', contentType);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new ApiError(xhr.status, 'upload')));
    xhr.onerror = () => reject(new ApiError(0, 'network'));
    xhr.send(file);
  });
  onProgress(1);
  for (let attempt = 0; attempt < 40; attempt++) {
    const docs = await allPages<DocumentInfo>(`/applications/${applicationId}/documents`);
    const doc = docs.find((d) => d.documentId === ticket.documentId);
    if (doc?.status === 'AVAILABLE') return ticket.documentId;
    if (doc && doc.status !== 'PENDING_UPLOAD') {
      throw new ApiError(422, 'document rejected', [], { rejectionReason: doc.rejectionReason });
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new ApiError(504, 'upload check');
}

const TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  csv: 'text/csv',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};

/** The accepted types by extension: browsers report some (csv, odt) inconsistently. */
export function contentTypeOf(file: File): string {
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  return TYPES[ext] ?? (file.type || 'application/octet-stream');
}

export const ACCEPTED_FILES = '.pdf,.docx,.xlsx,.odt,.ods,.csv,.png,.jpg,.jpeg';

/** Opens a stored document (a letter, a plan) through a short-lived presigned URL. */
export async function downloadUrl(applicationId: string, documentId: string): Promise<string> {
  return (await get<{ downloadUrl: string }>(`/applications/${applicationId}/documents/${documentId}`)).downloadUrl;
}
