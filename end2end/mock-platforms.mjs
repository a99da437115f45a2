// A stand-in for Google's OAuth server and the Google Ads API, and for X's OAuth
// 2.0 server and API v2, for the browser tests: consent pages that redirect back
// with a code, token endpoints that check the PKCE verifier (and X's HTTP Basic
// client credentials), googleAds:searchStream answering in the documented shape
// (int64 fields as strings) with 100.00 of spend on every day asked for, X's
// `GET /2/users/me` and `POST /2/tweets` (201 `data.id`; a text containing
// "duplicate" gets X's documented 403 duplicate-content problem; a reply to a
// post that did not mention the account gets X's 403 for that), and X's
// mention timeline `GET /2/users/{id}/mentions` (one mention, in the
// documented `data`/`includes.users`/`meta` shape; nothing after `since_id`).
// And an OpenAI-compatible `POST /openai/v1/chat/completions` answering in
// OpenAI's documented `chat.completion` shape (the model's text is fixed).
import { createServer } from "node:http";
import { createHash, randomBytes } from "node:crypto";

const port = Number(process.env.AURA_E2E_MOCK_PORT ?? "3901");
const codes = new Map(); // code -> { challenge, redirect }
let tweets = 1445880548472328192n;
const MENTION = "1861234567890123456";

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

  if (url.pathname === "/x/i/oauth2/authorize") {
    const q = url.searchParams;
    const code = `VGNibzFWSWREZm01bjN1N3dicWlNUG1oa2xR${randomBytes(6).toString("hex")}`;
    codes.set(code, { challenge: q.get("code_challenge"), redirect: q.get("redirect_uri") });
    const back = new URL(q.get("redirect_uri"));
    back.searchParams.set("state", q.get("state"));
    back.searchParams.set("code", code);
    return send(res, 200, `<!doctype html><title>Authorize app / X</title>
      <h1>Mock X: Aura wants to access your X account</h1>
      <p>Client: ${escape(q.get("client_id") ?? "")} · ${escape(q.get("scope") ?? "")}</p>
      <a href="${escape(back.toString())}">Authorize app</a>`);
  }

  if (url.pathname === "/x/2/oauth2/token" && req.method === "POST") {
    const form = new URLSearchParams(await readBody(req));
    const basic = `Basic ${Buffer.from("aura-e2e-x:e2e-x-secret").toString("base64")}`;
    if (req.headers.authorization !== basic) {
      return send(res, 401, { error: "unauthorized_client", error_description: "Missing valid authorization header" });
    }
    const token = { token_type: "bearer", expires_in: 7200, access_token: `x-${randomBytes(8).toString("hex")}`, scope: "tweet.read tweet.write users.read offline.access", refresh_token: `xr-${randomBytes(8).toString("hex")}` };
    if (form.get("grant_type") === "refresh_token") return send(res, 200, token);
    const pending = codes.get(form.get("code"));
    codes.delete(form.get("code"));
    const challenge = createHash("sha256").update(form.get("code_verifier") ?? "").digest("base64url");
    if (!pending || pending.challenge !== challenge || pending.redirect !== form.get("redirect_uri")) {
      return send(res, 400, { error: "invalid_request", error_description: "Value passed for the authorization code was invalid." });
    }
    return send(res, 200, token);
  }

  if (url.pathname.startsWith("/x/2/") && !(req.headers.authorization ?? "").startsWith("Bearer x-")) {
    return send(res, 401, { title: "Unauthorized", type: "about:blank", status: 401, detail: "Unauthorized" });
  }
  if (url.pathname === "/x/2/users/me") {
    return send(res, 200, { data: { id: "2244994945", name: "Roasters on X", username: "roasters_e2e", profile_image_url: "https://pbs.twimg.com/profile_images/1/roasters_normal.jpg" } });
  }
  if (url.pathname === "/x/2/users/2244994945/mentions") {
    if (url.searchParams.get("since_id")) return send(res, 200, { meta: { result_count: 0 } });
    return send(res, 200, {
      data: [{
        id: MENTION, text: "@roasters_e2e is the holiday blend back this year?",
        author_id: "1593010003", conversation_id: MENTION,
        created_at: new Date(Date.now() - 60_000).toISOString(), edit_history_tweet_ids: [MENTION],
      }],
      includes: { users: [{ id: "1593010003", name: "Mia Chen", username: "miachen", public_metrics: { followers_count: 812, following_count: 300, tweet_count: 1200, listed_count: 4 } }] },
      meta: { newest_id: MENTION, oldest_id: MENTION, result_count: 1 },
    });
  }
  if (url.pathname === "/x/2/tweets" && req.method === "POST") {
    const { text, reply } = JSON.parse((await readBody(req)) || "{}");
    if (reply && reply.in_reply_to_tweet_id !== MENTION) {
      return send(res, 403, { detail: "Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.", type: "about:blank", title: "Forbidden", status: 403 });
    }
    if (/duplicate/i.test(text ?? "")) {
      return send(res, 403, { detail: "You are not allowed to create a Tweet with duplicate content.", type: "about:blank", title: "Forbidden", status: 403 });
    }
    tweets += 1n;
    return send(res, 201, { data: { id: tweets.toString(), text, edit_history_tweet_ids: [tweets.toString()] } });
  }

  if (url.pathname === "/openai/v1/chat/completions" && req.method === "POST") {
    const { model, messages } = JSON.parse((await readBody(req)) || "{}");
    if (!model || !Array.isArray(messages)) {
      return send(res, 400, { error: { message: "you must provide a model parameter", type: "invalid_request_error", param: null, code: null } });
    }
    return send(res, 200, {
      id: `chatcmpl-${randomBytes(6).toString("hex")}`, object: "chat.completion", created: Math.floor(Date.now() / 1000), model,
      choices: [{ index: 0, message: { role: "assistant", content: "Thanks for asking! The holiday blend is back in the shop on Friday." }, finish_reason: "stop" }],
      usage: { prompt_tokens: 64, completion_tokens: 16, total_tokens: 80 },
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
