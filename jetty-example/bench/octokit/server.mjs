// The Node baseline of jetty-example/bench/load.sh (OCTOKIT=1): @octokit/webhooks as its README shows it, one
// process, createNodeMiddleware verifying X-Hub-Signature-256 (HMAC-SHA256 over the raw body) with
// verifyAndReceive, a no-op handler for every event, 200 once handled. Listens on 127.0.0.1:$PORT/webhooks/github
// with the secret in $WEBHOOK_SECRET. A benchmark only: the build and CI never run it.
//   (cd jetty-example/bench/octokit && npm install --no-audit --no-fund && PORT=18083 WEBHOOK_SECRET=s node server.mjs)
import { createServer } from "node:http";
import { Webhooks, createNodeMiddleware } from "@octokit/webhooks";

const secret = process.env.WEBHOOK_SECRET;
if (!secret) {
  console.error("WEBHOOK_SECRET must be set");
  process.exit(2);
}
const port = Number(process.env.PORT ?? 18083);
const webhooks = new Webhooks({ secret });
webhooks.onAny(() => {});
// The default logger prints one debug line per delivery to nowhere, and warnings (a bad signature) to stderr.
const middleware = createNodeMiddleware(webhooks, { path: "/webhooks/github" });

createServer(async (req, res) => {
  if (await middleware(req, res)) return;
  res.writeHead(404);
  res.end();
}).listen(port, "127.0.0.1", () => {
  console.log(`octokit webhooks listening on http://127.0.0.1:${port}/webhooks/github`);
});
