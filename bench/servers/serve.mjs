/** Announces the server's URL to the parent on one JSON line, and closes cleanly on SIGTERM. */
export function serveUntilTerminated(url, close) {
  process.stdout.write(`${JSON.stringify({ url })}\n`);
  process.once('SIGTERM', () => {
    void close().then(() => process.exit(0));
  });
}
