import { CommissioningChecklist } from '../../../shared/api/commissioning';
import {
  HANDOVER_ROUTES,
  type HandoverSignRequest,
  HandoverStatus,
  SignedHandover,
} from '../../../shared/api/commissioning-handover';
import { DISPLAY_CREDENTIAL_HEADER } from '../../../shared/api/displays';
import { ApiError } from '../../../shared/api/session';
import { RequestError } from '../../../shared/browser/json-client';
import { requestEdge } from '../api/edge-client';
import { displayCredential } from '../auth/display-credential';

/**
 * The display's calls to the box's commissioning routes: the checklist and the handover
 * are read with a technician's, manager's or admin's token (`diagnostics.read`); the
 * signature carries the signer's user and PIN in its body, whoever's session sends it.
 */
export const commissioningPaths = {
  checklist: '/api/commissioning/checklist',
  handover: HANDOVER_ROUTES.status,
  sign: HANDOVER_ROUTES.sign,
  file: (format: 'pdf' | 'csv', lang: 'en' | 'zh-CN') =>
    `${format === 'pdf' ? HANDOVER_ROUTES.pdf : HANDOVER_ROUTES.csv}?lang=${lang}`,
} as const;

export { CommissioningChecklist, HandoverStatus };

export function signHandover(body: HandoverSignRequest, bearer: string) {
  return requestEdge(commissioningPaths.sign, SignedHandover, { method: 'POST', token: bearer, body });
}

/** The PDF is laid out in a worker thread with CJK fonts: seconds, not the board's four. */
const FILE_TIMEOUT_MS = 60_000;

/** The handover report as a file, with the name the box gave it; a refusal as JSON reads give it. */
export async function fetchHandoverFile(
  format: 'pdf' | 'csv',
  lang: 'en' | 'zh-CN',
  token: string,
): Promise<{ blob: Blob; fileName: string }> {
  const pairing = displayCredential.get();
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (pairing) headers[DISPLAY_CREDENTIAL_HEADER] = pairing.credential;
  let response: Response;
  try {
    response = await fetch(commissioningPaths.file(format, lang), {
      headers,
      signal: AbortSignal.timeout(FILE_TIMEOUT_MS),
      cache: 'no-store',
    });
  } catch (err) {
    throw new RequestError('network', err instanceof Error ? err.message : String(err));
  }
  if (!response.ok) {
    const problem = ApiError.safeParse(await response.json().catch(() => undefined));
    throw new RequestError(
      response.status === 403 ? 'forbidden' : response.status === 401 ? 'unauthorized' : 'rejected',
      problem.success ? problem.data.message : `HTTP ${response.status}`,
      response.status,
      problem.success ? problem.data.error : undefined,
      problem.success ? problem.data.messages : undefined,
    );
  }
  const named = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return { blob: await response.blob(), fileName: named?.[1] ?? `handover_${lang}.${format}` };
}
