// The browser gets little: the first load of a page (JS, WASM and CSS, as they
// travel compressed) stays within a budget, and a page's code loads with that
// page. Every route is a lazy route with its own WASM chunk.
import { expect, test, type Page } from "@playwright/test";
import { hydrated, logIn, owner } from "./helpers";

// The goal is 250,000 bytes; it is not met yet (docs/performance.md, "First load":
// the main bundle alone is ~255 KB brotli, of which ~50 KB are every page's strings,
// which wasm-split leaves in the main module). Until it is, this budget holds the
// measured figures (398,821 B for /dashboard on 2026-12-01) from growing: a page
// whose code leaked into the main bundle, or an uncompressed file, fails it.
const BUDGET = 420_000;

type Transfer = { url: string; bytes: number; encoding: string };

/** Loads `path` with the browser cache off and returns the JS, WASM and CSS it
 * transferred: bytes on the wire (headers and compressed body) per file. */
async function firstLoad(page: Page, path: string): Promise<Transfer[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const responses = new Map<string, { url: string; encoding: string }>();
  const transfers: Transfer[] = [];
  cdp.on("Network.responseReceived", (event) => {
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

  test("loads a page's code with that page only", async ({ page }) => {
    const dashboard = await firstLoad(page, "/dashboard");
    const members = await firstLoad(page, "/members");
    const chunks = (ts: Transfer[]) =>
      new Set(ts.map((t) => new URL(t.url).pathname).filter((p) => p.endsWith(".wasm") && p !== "/pkg/aura.wasm"));
    const dashboardChunks = chunks(dashboard);
    const memberChunks = chunks(members);
    expect(dashboardChunks.size).toBeGreaterThan(0);
    expect(memberChunks.size).toBeGreaterThan(0);
    // Each page fetched a chunk the other did not.
    expect([...dashboardChunks].some((c) => !memberChunks.has(c))).toBe(true);
    expect([...memberChunks].some((c) => !dashboardChunks.has(c))).toBe(true);
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

test.describe("lazy routes", () => {
  test("a page whose code cannot be fetched is loaded whole from the server instead", async ({ page }) => {
    await logIn(page, owner.email, owner.password);
    await page.goto("/dashboard");
    await hydrated(page);
    // From here on no WASM arrives: the next page's chunk fails to download.
    await page.route(/\/pkg\/.*\.wasm$/, (route) => route.abort());
    const main = page.getByRole("navigation", { name: "Main", exact: true });
    await main.getByRole("link", { name: "Insights" }).click();
    await expect(page).toHaveURL(/\/insights$/);
    await expect(page.getByRole("heading", { name: "Insights", level: 1 })).toBeVisible();
    // The server-rendered page still works: its links are plain links.
    await page.getByRole("navigation", { name: "Main", exact: true }).getByRole("link", { name: "Brands" }).click();
    await expect(page).toHaveURL(/\/brands$/);
    await expect(page.getByTestId("brands")).toContainText("Northwind Roasters");
  });

  const paths = ["/", "/login", "/signup", "/dashboard", "/insights", "/brands", "/members", "/activity", "/jobs", "/settings/workspace", "/settings/profile"];

  test("hydrate on a direct load of each page without a panic", async ({ page }) => {
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(`${page.url()}: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error" && /panicked|unreachable|RuntimeError/.test(message.text())) {
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
