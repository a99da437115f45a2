// A stand-in for Google's OAuth server and the Google Ads API, for the browser
// tests: a consent page that redirects back with a code, a token endpoint that
// checks the PKCE verifier, and googleAds:searchStream answering in the documented
// shape (int64 fields as strings) with 100.00 of spend on every day asked for.
import { createServer } from "node:http";
import { createHash, randomBytes } from "node:crypto";

const port = Number(process.env.AURA_E2E_MOCK_PORT ?? "3901");
const codes = new Map(); // code -> { challenge, redirect }

function send(res, status, body, headers = {}) {
  const json = typeof body !== "string";
  res.writeHead(status, { "content-type": json ? "application/json" : "text/html; charset=utf-8", ...headers });
  res.end(json ? JSON.stringify(body) : body);
}

function readBody(req) {
  return new Promise((resolve) => {
    let data = "";
    req.on("data", (chunk) => (data += chunk));
    req.on("end", () => resolve(data));
  });
}

function* days(since, until) {
  for (let d = new Date(`${since}T00:00:00Z`); d <= new Date(`${until}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    yield d.toISOString().slice(0, 10);
  }
}

const escape = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

createServer(async (req, res) => {
  const url = new URL(req.url, `http://127.0.0.1:${port}`);
  if (url.pathname === "/healthz") return send(res, 200, { ok: true });

  if (url.pathname === "/google/auth") {
    const q = url.searchParams;
    const code = `4/0A${randomBytes(12).toString("hex")}`;
    codes.set(code, { challenge: q.get("code_challenge"), redirect: q.get("redirect_uri") });
    const back = new URL(q.get("redirect_uri"));
    back.searchParams.set("state", q.get("state"));
    back.searchParams.set("code", code);
    back.searchParams.set("scope", q.get("scope"));
    const deny = new URL(q.get("redirect_uri"));
    deny.searchParams.set("state", q.get("state"));
    deny.searchParams.set("error", "access_denied");
    return send(res, 200, `<!doctype html><title>Sign in - Google Accounts</title>
      <h1>Mock Google: Aura wants to view your Google Ads data</h1>
      <p>Client: ${escape(q.get("client_id") ?? "")}</p>
      <a href="${escape(back.toString())}">Allow</a> <a href="${escape(deny.toString())}">Cancel</a>`);
  }

  if (url.pathname === "/google/token" && req.method === "POST") {
    const form = new URLSearchParams(await readBody(req));
    if (form.get("grant_type") === "refresh_token") {
      return send(res, 200, { access_token: `ya29.${randomBytes(8).toString("hex")}`, expires_in: 3599, token_type: "Bearer" });
    }
    const pending = codes.get(form.get("code"));
    codes.delete(form.get("code"));
    const verifier = form.get("code_verifier") ?? "";
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    if (!pending || pending.challenge !== challenge || pending.redirect !== form.get("redirect_uri")) {
      return send(res, 400, { error: "invalid_grant", error_description: "Bad Request" });
    }
    return send(res, 200, {
      access_token: `ya29.${randomBytes(8).toString("hex")}`,
      expires_in: 3599,
      refresh_token: `1//0g${randomBytes(8).toString("hex")}`,
      scope: "https://www.googleapis.com/auth/adwords",
      token_type: "Bearer",
    });
  }

  const stream = url.pathname.match(/^\/googleads\/v18\/customers\/(\d+)\/googleAds:searchStream$/);
  if (stream && req.method === "POST") {
    if (!(req.headers.authorization ?? "").startsWith("Bearer ya29.") || !req.headers["developer-token"]) {
      return send(res, 401, { error: { code: 401, message: "Request had invalid authentication credentials.", status: "UNAUTHENTICATED" } });
    }
    const { query } = JSON.parse((await readBody(req)) || "{}");
    const customer = { resourceName: `customers/${stream[1]}`, id: stream[1] };
    if (/FROM customer LIMIT 1/.test(query)) {
      return send(res, 200, [{ results: [{ customer: { ...customer, descriptiveName: "Roasters Search Ads", currencyCode: "USD" } }], fieldMask: "customer.id,customer.descriptiveName,customer.currencyCode", requestId: "mock" }]);
    }
    const range = query.match(/BETWEEN '(\d{4}-\d{2}-\d{2})' AND '(\d{4}-\d{2}-\d{2})'/);
    const results = range
      ? [...days(range[1], range[2])].map((date) => ({
          customer,
          segments: { date },
          metrics: { costMicros: "100000000", impressions: "5000", clicks: "150", conversions: 10 },
        }))
      : [];
    return send(res, 200, [{ results, fieldMask: "segments.date,metrics.costMicros,metrics.impressions,metrics.clicks,metrics.conversions", requestId: "mock" }]);
  }

  send(res, 404, { error: { code: 404, message: `No mock for ${req.method} ${url.pathname}` } });
}).listen(port, "127.0.0.1", () => console.log(`mock platforms on http://127.0.0.1:${port}`));
