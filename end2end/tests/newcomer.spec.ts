// What a newcomer meets first: their own time zone, a phone-sized screen, long
// names, the page Aura opens on.
import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { hydrated, uniqueEmail, logOut } from "./helpers";

const password = "correct horse battery staple";

async function signUp(page: Page, email: string) {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Noor Haddad");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByLabel("Company or workspace name").fill("Haddad Provisions");
  await page.getByLabel("Currency").fill("EUR");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

test.describe("in Tokyo", () => {
  test.use({ timezoneId: "Asia/Tokyo" });

  test("sign-up offers the browser's time zone, and times are shown in it", async ({ page }) => {
    await page.goto("/signup");
    await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Tokyo");
    await signUp(page, uniqueEmail("noor"));
    await page.goto("/activity");
    const when = page.getByTestId("activity").locator("time").first();
    await expect(when).toHaveText(/ JST$/);
    await expect(when).toHaveAttribute("title", "Time zone: Asia/Tokyo");
  });
});

test("at 390 pixels the header fits one line and no page scrolls sideways, even with long names", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await signUp(page, uniqueEmail("phone"));
  // A brand name with no place to break.
  await page.goto("/brands");
  await hydrated(page);
  const long = "Supercalifragilisticexpialidocious".repeat(2) + "RoasteryAndCoffeeBar";
  await page.getByLabel("Brand name").fill(long);
  await page.getByRole("button", { name: "Add brand" }).click();
  await expect(page.getByRole("heading", { name: long })).toBeVisible();
  const brandPage = new URL(page.url()).pathname;

  const header = page.locator("header > div").first();
  for (const path of ["/", "/dashboard", "/insights", "/brands", brandPage, `/dashboard?brand=${brandPage.split("/").pop()}`,
    "/members", "/activity", "/jobs", "/settings/workspace", "/settings/profile", "/status",
    "/posts", "/posts/new", "/accounts", "/accounts/connect", "/integrations", "/media", "/calendar", "/calendar?view=week"]) {
    await page.goto(path);
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(widths[0], `${path} scrolls sideways`).toBeLessThanOrEqual(widths[1]);
    const box = await header.boundingBox();
    expect(box?.height ?? 999, `${path}: the header wraps`).toBeLessThan(64);
  }

  // The drawer closes when one of its links is followed.
  await page.goto("/");
  const drawer = page.getByTestId("nav-drawer");
  await drawer.getByText("Menu").click();
  await expect(drawer.getByRole("link", { name: "Brands" })).toBeVisible();
  await drawer.getByRole("link", { name: "Brands" }).click();
  await expect(page).toHaveURL(/\/brands$/);
  await expect(page.getByTestId("nav-drawer").getByRole("link", { name: "Brands" })).toBeHidden();
});

test("the page chosen in the profile is where Aura opens after sign-in", async ({ page }) => {
  const email = uniqueEmail("landing");
  await signUp(page, email);
  await page.goto("/settings/profile");
  await hydrated(page);
  const landing = page.getByLabel("Open Aura on");
  // Every page the owner can open is offered.
  for (const name of ["Home", "Dashboard", "Insights", "Brands", "Members", "Activity", "Jobs"]) {
    await expect(landing.locator("option", { hasText: name })).toHaveCount(1);
  }
  await landing.selectOption("/dashboard");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByTestId("toast")).toContainText("Profile saved");
  await logOut(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  // A new workspace's dashboard points at the first step.
  await expect(page.getByRole("link", { name: "Add your first brand" })).toBeVisible();
});

test("activity narrows by action and exports what it shows; jobs say what they are for", async ({ page }) => {
  await signUp(page, uniqueEmail("activity"));
  await page.goto("/brands");
  await hydrated(page);
  await page.getByLabel("Brand name").fill("Haddad Olive Oil");
  await page.getByRole("button", { name: "Add brand" }).click();
  await expect(page.getByRole("heading", { name: "Haddad Olive Oil" })).toBeVisible();

  await page.goto("/activity");
  await page.getByLabel("Action").selectOption("brand_created");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/\/activity\?action=brand_created$/);
  await expect(page.getByTestId("activity-count")).toHaveText("1 entry matches the filters");
  await expect(page.getByTestId("activity").locator("li")).toHaveCount(1);
  const download = page.waitForEvent("download");
  await page.getByTestId("export-activity").click();
  const csv = readFileSync(await (await download).path(), "utf8").trim().split("\n");
  expect(csv[0]).toBe("time,person,action,description");
  expect(csv).toHaveLength(2);
  expect(csv[1]).toContain(",Noor Haddad,brand_created,");

  // The brand's daily insights task is on the Jobs page, for the brand.
  await page.goto("/jobs");
  await page.getByLabel("Brand").selectOption({ label: "Haddad Olive Oil" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("task-subject").first()).toHaveText("Haddad Olive Oil");
  await page.getByLabel("Status").selectOption("failed");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("no-tasks")).toHaveText("No task matches these filters.");
});
