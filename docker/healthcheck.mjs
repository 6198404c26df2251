// Container health probe: `node docker/healthcheck.mjs [port] [path]`. Exits 0 when
// http://127.0.0.1:<port><path> answers 2xx within 2 s. Defaults: PORT (else 3000) and
// /health/live. The images have no curl or wget; Node.js has fetch.
const port = process.argv[2] ?? process.env.PORT ?? '3000';
const path = process.argv[3] ?? '/health/live';
try {
  const answer = await fetch(`http://127.0.0.1:${port}${path}`, {
    signal: AbortSignal.timeout(2000),
  });
  process.exit(answer.ok ? 0 : 1);
} catch {
  process.exit(1);
}
