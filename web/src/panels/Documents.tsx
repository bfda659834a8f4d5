// An application's documents: the list with downloads, and an upload with a progress bar.
import { useState } from 'preact/hooks';
import { ACCEPTED_FILES, del, downloadUrl, uploadDocument, type DocumentInfo } from '../api';
import { fieldErrors, message } from '../errors';
import { date, DOCUMENT_KIND, label } from '../format';
import { Alert, Button, P, ProgressBar, Table, useConfirm } from '../ui';

const SIZE = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${SIZE.format(bytes / 1024 / 1024)} MB` : `${SIZE.format(Math.max(1, bytes / 1024))} kB`;
}

/** Opens a stored document in a new tab through its short-lived presigned URL. */
export function DownloadButton({ applicationId, document: doc, text }: { applicationId: string; document: DocumentInfo; text?: string }) {
  const [error, setError] = useState<unknown>(null);
  async function open() {
    setError(null);
    try {
      // a link to the fresh presigned URL, followed in a new tab (still within the click's user activation)
      const a = document.createElement('a');
      a.href = await downloadUrl(applicationId, doc.documentId);
      a.target = '_blank';
      a.rel = 'noopener';
      document.body.append(a);
      a.click();
      a.remove();
    } catch (e) {
      setError(e);
    }
  }
  return (
    <>
      <Button variant="secondary" onClick={open} aria-label={`${text ?? 'Downloaden'}: ${doc.fileName}`}>{text ?? 'Downloaden'}</Button>
      {error && <span class="inline-error" role="alert">{message(error)}</span>}
    </>
  );
}

function received(d: DocumentInfo) {
  if (d.status === 'AVAILABLE') return date(d.uploadedAt);
  if (d.status === 'REJECTED') {
    return (
      <span class="document-rejected">
        <strong>Geweigerd</strong>{d.rejectionReason ? <>: {d.rejectionReason}</> : ' bij de controle'}
      </span>
    );
  }
  return 'wordt gecontroleerd';
}

/** The plan that counts: the newest AVAILABLE document of kind PLAN. */
export function currentPlanId(documents: DocumentInfo[]): string | undefined {
  return documents.filter((d) => d.kind === 'PLAN' && d.status === 'AVAILABLE')
    .sort((a, b) => (b.uploadedAt ?? '').localeCompare(a.uploadedAt ?? ''))[0]?.documentId;
}

function kind(d: DocumentInfo, currentPlan: string | undefined) {
  if (d.kind !== 'PLAN' || d.status !== 'AVAILABLE') return label(DOCUMENT_KIND, d.kind);
  return d.documentId === currentPlan
    ? <>Plan <span class="document-version document-version--current">huidige versie</span></>
    : <>Plan <span class="document-version">eerdere versie</span></>;
}

/** Kinds a municipality may remove while drafting: its own uploads, never advice or letters. */
const REMOVABLE = new Set(['PLAN', 'COUNCIL_DECISION', 'BUDGET', 'OTHER']);

/**
 * The application's documents. With `onRemoved` (the municipality, while it drafts or revises) each of its own
 * uploads has "Verwijderen", asked for confirmation first.
 */
export function DocumentList({ applicationId, documents, onRemoved }: {
  applicationId: string; documents: DocumentInfo[]; onRemoved?: () => void;
}) {
  const { ask, dialog } = useConfirm();
  const [error, setError] = useState<unknown>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  const currentPlan = currentPlanId(documents);

  async function remove(d: DocumentInfo) {
    setError(null);
    setRemoved(null);
    const confirmed = await ask({
      title: 'Document verwijderen?',
      body: (
        <>
          <P>U verwijdert ‘{d.fileName}’ ({label(DOCUMENT_KIND, d.kind).toLowerCase()}) uit deze aanvraag. Het bestand wordt gewist.</P>
          {d.documentId === currentPlan && (
            <P>Dit is de huidige versie van het plan. {documents.some((x) => x.kind === 'PLAN' && x.status === 'AVAILABLE' && x.documentId !== d.documentId)
              ? 'Daarna telt de vorige versie weer als het plan.'
              : 'Zonder plan kunt u de aanvraag niet indienen; upload daarna een nieuw plan.'}</P>
          )}
        </>
      ),
      confirm: 'Document verwijderen',
    });
    if (!confirmed) return;
    try {
      await del(`/applications/${applicationId}/documents/${d.documentId}`);
      setRemoved(`‘${d.fileName}’ is verwijderd.`);
      onRemoved?.();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <>
      {dialog}
      {error && <Alert type="error"><P>{message(error)}</P></Alert>}
      {removed && <Alert type="ok"><P>{removed}</P></Alert>}
      <Table<DocumentInfo>
        caption="Documenten bij deze aanvraag"
        rows={documents}
        rowKey={(d) => d.documentId}
        empty="Er zijn nog geen documenten."
        columns={[
          { key: 'kind', header: 'Soort', render: (d) => kind(d, currentPlan) },
          { key: 'name', header: 'Bestand', render: (d) => d.fileName },
          { key: 'size', header: 'Grootte', numeric: true, render: (d) => size(d.sizeBytes) },
          { key: 'at', header: 'Ontvangen', render: received },
          {
            key: 'open', header: 'Openen', render: (d) => (d.status === 'AVAILABLE'
              ? <DownloadButton applicationId={applicationId} document={d} />
              : '–'),
          },
          ...(onRemoved ? [{
            key: 'remove', header: 'Verwijderen', render: (d: DocumentInfo) => (REMOVABLE.has(d.kind)
              ? <Button variant="subtle" onClick={() => remove(d)} aria-label={`Verwijderen: ${d.fileName}`}>Verwijderen</Button>
              : '–'),
          }] : []),
        ]}
      />
    </>
  );
}

/**
 * Choose a file and its kind, upload it straight to storage with progress, and report the new document's id once
 * the upload check has accepted it.
 */
export function DocumentUpload({ applicationId, kinds, id, error: outsideError, onUploaded }: {
  applicationId: string;
  kinds: string[];
  id: string;
  error?: string;
  onUploaded: (documentId: string, kind: string) => void;
}) {
  const [kind, setKind] = useState(kinds[0]);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function upload() {
    setError(null);
    setDone(null);
    if (!file) {
      setError('Kies eerst een bestand.');
      return;
    }
    setProgress(0);
    try {
      const documentId = await uploadDocument(applicationId, file, kind, setProgress);
      setDone(`${file.name} is ontvangen.`);
      setFile(null);
      onUploaded(documentId, kind);
    } catch (e) {
      const fields = Object.values(fieldErrors(e));
      setError(fields.length > 0 ? fields.join(' ') : message(e));
    } finally {
      setProgress(null);
    }
  }

  const shownError = error ?? outsideError;
  return (
    <div class="upload">
      {kinds.length > 1 && (
        <div class="utrecht-form-field utrecht-form-field--text">
          <div class="utrecht-form-field__label"><label class="utrecht-form-label" for={`${id}-kind`}>Soort document</label></div>
          <div class="utrecht-form-field__input">
            <select id={`${id}-kind`} class="utrecht-select utrecht-select--html-select" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
              {kinds.map((k) => <option key={k} value={k}>{label(DOCUMENT_KIND, k)}</option>)}
            </select>
          </div>
        </div>
      )}
      <div class={`utrecht-form-field utrecht-form-field--text${shownError ? ' utrecht-form-field--invalid' : ''}`}>
        <div class="utrecht-form-field__label">
          <label class="utrecht-form-label" for={id}>Bestand{kinds.length === 1 ? ` (${label(DOCUMENT_KIND, kinds[0]).toLowerCase()})` : ''}</label>
        </div>
        <div class="utrecht-form-field__description utrecht-form-field-description" id={`${id}-description`}>
          pdf, docx, xlsx, odt, ods, csv, png of jpeg; hoogstens 20 MB
        </div>
        {shownError && <div class="utrecht-form-field-error-message" id={`${id}-error`}>{shownError}</div>}
        <div class="utrecht-form-field__input">
          <input
            id={id} type="file" class="file-input" accept={ACCEPTED_FILES}
            aria-describedby={`${id}-description${shownError ? ` ${id}-error` : ''}`}
            aria-invalid={shownError ? 'true' : undefined}
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
        </div>
      </div>
      <Button variant="secondary" onClick={upload} busy={progress !== null} disabled={progress !== null}>Uploaden</Button>
      {progress !== null && (
        <div class="upload__progress">
          <span id={`${id}-progress-label`}>Uploaden: {Math.round(progress * 100)}%</span>
          <ProgressBar fraction={progress} labelId={`${id}-progress-label`} />
        </div>
      )}
      {done && <Alert type="ok"><P>{done}</P></Alert>}
    </div>
  );
}
