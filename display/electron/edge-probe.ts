/** true when the edge at `edgeUrl` answers its health check in time. */
export async function probeEdge(edgeUrl: string, timeoutMs = 2000): Promise<boolean> {
  try {
    const res = await fetch(new URL('/healthz', edgeUrl), { signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    return res.ok;
  } catch {
    // Refused, reset or timed out: all mean "not up yet" to the kiosk, which tries again.
    return false;
  }
}
