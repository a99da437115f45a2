import { expect, test } from "@playwright/test";

test.describe("the Aura shell", () => {
  test("hydrates: the theme choice changes the page without a reload", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Welcome to Aura" })).toBeVisible();

    const theme = page.getByTestId("theme-toggle");
    // `data-ready` is set by the hydrated island, so WASM is running from here on.
    await expect(theme).toHaveAttribute("data-ready", "true");
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    const lightBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);

    await expect(theme).toHaveValue("system");
    await theme.selectOption("dark");
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    const darkBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(darkBackground).not.toBe(lightBackground);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

    // The choice survives a reload.
    await page.reload();
    await expect(page.getByTestId("theme-toggle")).toHaveValue("dark");
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);

    // "System" follows the system again: dark when the system is dark.
    await expect(page.getByTestId("theme-toggle")).toHaveAttribute("data-ready", "true");
    await page.getByTestId("theme-toggle").selectOption("system");
    await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
    await page.emulateMedia({ colorScheme: "dark" });
    await page.reload();
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(darkBackground);
    await expect(page.getByTestId("theme-toggle")).toHaveValue("system");
  });

  test("applies the chosen theme before any WASM runs", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.addInitScript(() => localStorage.setItem("aura-theme", "dark"));
    // No WASM at all: only the page's own inline script can apply the choice.
    await page.route(/\/pkg\/.*\.wasm$/, (route) => route.abort());
    await page.goto("/");
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  });

  test("the skip link moves focus to the page's content", async ({ page }) => {
    await page.goto("/login");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("main")).toBeFocused();
  });

  test("is styled by the Tailwind stylesheet", async ({ page }) => {
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    const css = await page.request.get("/pkg/aura.css");
    expect(css.ok()).toBe(true);
    expect(await css.text()).toContain("tailwindcss");
    const padding = await page.locator("main").evaluate((el) => getComputedStyle(el).paddingTop);
    expect(padding).toBe("32px"); // py-8
  });

  test("shows both services up, and asks again on demand", async ({ page }) => {
    await page.goto("/status");
    const status = page.getByTestId("service-status");
    await expect(status).toContainText("PostgreSQL");
    await expect(status.getByText("up", { exact: true })).toHaveCount(2);
    // Asking again loads the page again: the server checks both services anew.
    const again = page.waitForResponse((r) => new URL(r.url()).pathname === "/status" && r.request().method() === "GET");
    await page.getByRole("button", { name: "Check again" }).click();
    expect((await again).status()).toBe(200);
    await expect(page.getByTestId("service-status").getByText("up", { exact: true })).toHaveCount(2);
  });

  test("answers unknown addresses with the 404 page", async ({ page }) => {
    const response = await page.goto("/no/such/page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the home page renders completely", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Welcome to Aura" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "What Aura brings together" })).toBeVisible();
    await page.goto("/status");
    await expect(page.getByTestId("service-status").getByText("up", { exact: true })).toHaveCount(2);
  });
});
