import { z } from 'zod';
import { DISPLAY_CREDENTIAL_HEADER } from '../../../shared/api/displays';
import {
  ControlPointView,
  type CorrectiveActionSignOff,
  CorrectiveActionView,
  DailyCompliance,
  MinuteLog,
} from '../../../shared/api/food-safety';
import { ApiError } from '../../../shared/api/session';
import { RequestError } from '../../../shared/browser/json-client';
import { requestEdge } from '../api/edge-client';
import { displayCredential } from '../auth/display-credential';

/**
 * The display's calls to `/api/food-safety/*`. The kitchen reads the records without a
 * person (board data); a sign-off carries the person in charge's user and PIN in its
 * body, whoever's session sends it; the report is a manager's.
 */

export const foodSafetyPaths = {
  controlPoints: '/api/food-safety/control-points',
  /** the open ones and the latest signed off, newest first */
  actions: '/api/food-safety/corrective-actions?state=all&limit=100',
  records: (id: string, day: string) =>
    `/api/food-safety/control-points/${encodeURIComponent(id)}/records?day=${day}`,
  compliance: (id: string, day: string) =>
    `/api/food-safety/control-points/${encodeURIComponent(id)}/compliance?day=${day}`,
  signOff: (actionId: number) => `/api/food-safety/corrective-actions/${actionId}/sign-off`,
  report: (q: ReportRequest) =>
    `/api/food-safety/report?${new URLSearchParams({ from: q.from, to: q.to, format: q.format, lang: q.lang })}`,
} as const;

export const ControlPointList = z.array(ControlPointView);
export const ActionList = z.array(CorrectiveActionView);
export { DailyCompliance, MinuteLog };

export function signOffAction(actionId: number, body: CorrectiveActionSignOff, bearer: string) {
  return requestEdge(foodSafetyPaths.signOff(actionId), CorrectiveActionView, {
    method: 'POST',
    token: bearer,
    body,
  });
}

export interface ReportRequest {
  /** store days, YYYY-MM-DD, both included */
  from: string;
  to: string;
  format: 'pdf' | 'csv';
  lang: 'en' | 'zh-CN';
}

/** A month of minute records takes the edge a while to lay out: far longer than a JSON read. */
const REPORT_TIMEOUT_MS = 120_000;

/** The report file, with the name the edge gave it; a refusal as the same RequestError JSON reads give. */
export async function fetchReport(
  request: ReportRequest,
  token: string,
): Promise<{ blob: Blob; fileName: string }> {
  const pairing = displayCredential.get();
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (pairing) headers[DISPLAY_CREDENTIAL_HEADER] = pairing.credential;
  let response: Response;
  try {
    response = await fetch(foodSafetyPaths.report(request), {
      headers,
      signal: AbortSignal.timeout(REPORT_TIMEOUT_MS),
      cache: 'no-store',
    });
  } catch (err) {
    throw new RequestError('network', err instanceof Error ? err.message : String(err));
  }
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const problem = ApiError.safeParse(json);
    throw new RequestError(
      response.status === 403 ? 'forbidden' : response.status === 401 ? 'unauthorized' : 'rejected',
      problem.success ? problem.data.message : `HTTP ${response.status}`,
      response.status,
      problem.success ? problem.data.error : undefined,
      problem.success ? problem.data.messages : undefined,
    );
  }
  const named = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return {
    blob: await response.blob(),
    fileName: named?.[1] ?? `food-safety_${request.from}_${request.to}.${request.format}`,
  };
}
