// The browser gets little: the first load of a page (JS, WASM and CSS, as they
// travel compressed) stays within 250,000 bytes, and stays flat as pages are
// added. Pages render on the server (Leptos islands); the one WASM file holds the
// islands, the small interactive parts, and is the same for every page.
import { expect, test, type Page } from "@playwright/test";
import { hydrated, logIn, owner } from "./helpers";

const BUDGET = 250_000;

type Transfer = { url: string; bytes: number; encoding: string };

/** Loads `path` with the browser cache off and returns the JS, WASM and CSS it
 * transferred: bytes on the wire (headers and compressed body) per file. */
async function firstLoad(page: Page, path: string): Promise<Transfer[]> {
  // The page before (the landing page after logging in) may still be fetching
  // its files; wait for it, and count only requests this load sends.
  await page.waitForLoadState("networkidle");
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const sent = new Set<string>();
  const responses = new Map<string, { url: string; encoding: string }>();
  const transfers: Transfer[] = [];
  cdp.on("Network.requestWillBeSent", (event) => {
    sent.add(event.requestId);
  });
  cdp.on("Network.responseReceived", (event) => {
    if (!sent.has(event.requestId)) return;
    const headers = Object.fromEntries(
      Object.entries(event.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    responses.set(event.requestId, { url: event.response.url, encoding: headers["content-encoding"] ?? "" });
  });
  cdp.on("Network.loadingFinished", (event) => {
    const response = responses.get(event.requestId);
    if (response) transfers.push({ ...response, bytes: event.encodedDataLength });
  });
  await page.goto(path);
  await hydrated(page);
  await page.waitForLoadState("networkidle");
  await cdp.detach();
  return transfers.filter((t) => /\.(js|wasm|css)$/.test(new URL(t.url).pathname));
}

function total(transfers: Transfer[]): number {
  return transfers.reduce((sum, t) => sum + t.bytes, 0);
}

function report(path: string, transfers: Transfer[]) {
  const lines = transfers.map((t) => `  ${new URL(t.url).pathname} ${t.bytes} B ${t.encoding || "identity"}`);
  console.log(`first load of ${path}: ${total(transfers)} B in ${transfers.length} files\n${lines.join("\n")}`);
}

test.describe("first load", () => {
  test.beforeEach(async ({ page }) => {
    await logIn(page, owner.email, owner.password);
  });

  for (const path of ["/dashboard", "/brands", "/members"]) {
    test(`of ${path} as the demo owner stays within ${BUDGET} bytes`, async ({ page }) => {
      const transfers = await firstLoad(page, path);
      report(path, transfers);
      expect(transfers.some((t) => t.url.endsWith(".wasm"))).toBe(true);
      for (const t of transfers) expect(t.encoding, t.url).toMatch(/^(br|gzip)$/);
      expect(total(transfers)).toBeLessThanOrEqual(BUDGET);
    });
  }

  test("loads the same files for every page: no page's code reaches the browser", async ({ page }) => {
    const files = async (path: string) =>
      (await firstLoad(page, path)).map((t) => new URL(t.url).pathname).sort();
    const dashboard = await files("/dashboard");
    expect(dashboard).toContain("/pkg/aura.wasm");
    for (const path of ["/members", "/insights", "/settings/profile"]) {
      expect(await files(path), path).toEqual(dashboard);
    }
  });

  test("revalidates the site's files instead of downloading them again", async ({ page }) => {
    const first = await page.request.get("/pkg/aura.wasm", { headers: { "accept-encoding": "br" } });
    expect(first.headers()["cache-control"]).toBe("no-cache");
    expect(first.headers()["content-encoding"]).toBe("br");
    const lastModified = first.headers()["last-modified"];
    expect(lastModified).toBeTruthy();
    const again = await page.request.get("/pkg/aura.wasm", {
      headers: { "accept-encoding": "br", "if-modified-since": lastModified },
    });
    expect(again.status()).toBe(304);
  });
});

test.describe("islands", () => {
  test("with no WASM at all, pages still work: links navigate and forms post", async ({ page }) => {
    await page.route(/\/pkg\/.*\.wasm$/, (route) => route.abort());
    await logIn(page, owner.email, owner.password);
    await page.goto("/dashboard");
    const main = page.getByRole("navigation", { name: "Main", exact: true });
    await main.getByRole("link", { name: "Insights" }).click();
    await expect(page).toHaveURL(/\/insights$/);
    await expect(page.getByRole("heading", { name: "Insights", level: 1 })).toBeVisible();
    await page.getByRole("navigation", { name: "Main", exact: true }).getByRole("link", { name: "Brands" }).click();
    await expect(page).toHaveURL(/\/brands$/);
    await expect(page.getByTestId("brands")).toContainText("Northwind Roasters");
  });

  const paths = ["/", "/login", "/signup", "/dashboard", "/insights", "/brands", "/members", "/activity", "/jobs", "/settings/workspace", "/settings/profile"];

  test("hydrate on a direct load of each page without a panic or a blocked script", async ({ page }) => {
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(`${page.url()}: ${error.message}`));
    page.on("console", (message) => {
      // A panic, or something the Content-Security-Policy blocked.
      if (message.type() === "error" && /panicked|unreachable|RuntimeError|Content Security Policy|Refused to/.test(message.text())) {
        problems.push(`${page.url()}: ${message.text()}`);
      }
    });
    await logIn(page, owner.email, owner.password);
    for (const path of paths) {
      await page.goto(path);
      await hydrated(page);
    }
    expect(problems).toEqual([]);
  });
});
