// Campaigns in the browser: make one (a wrong date is said and nothing typed is
// lost), and follow a demo campaign's short link: a person's click is counted
// on the campaign page, a bot's is not.
import { expect, test } from "@playwright/test";
import { hydrated, logIn, owner } from "./helpers";

const CHROME =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";

test("create a campaign; a wrong end date is refused in words and the form keeps what was typed", async ({ page }) => {
  await logIn(page, owner.email, owner.password);
  await page.goto("/campaigns");
  await page.getByText("New campaign").click();
  const name = `Spring Espresso ${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Starts").fill("2027-03-10");
  await page.getByLabel("Ends").fill("2027-03-01");
  await page.getByLabel("Link clicks").fill("250");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByTestId("campaign-form")).toContainText("ends on or after the day it starts");
  await expect(page.getByLabel("Name")).toHaveValue(name);
  await expect(page.getByLabel("Link clicks")).toHaveValue("250");
  await page.getByLabel("Ends").fill("2027-04-30");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByTestId("goals")).toContainText("Link clicks: 0 of 250 (0%)");
});

test("follow a campaign's short link and see the click counted on the campaign page", async ({ page, request }) => {
  await logIn(page, owner.email, owner.password);
  await page.goto("/campaigns");
  await page.getByRole("link", { name: "Holiday Blend Launch" }).click();
  const before = Number(await page.getByTestId("campaign-clicks").textContent());
  const href = (await page.getByTestId("short-link").first().getAttribute("href")) as string;
  const path = new URL(href).pathname;

  const followed = await request.get(path, { maxRedirects: 0, headers: { "user-agent": CHROME } });
  expect(followed.status()).toBe(302);
  expect(followed.headers()["location"]).toMatch(/^https:\/\/northwind\.example\/holiday\?utm_source=\w+&utm_medium=social&utm_campaign=holiday-blend-launch$/);
  const bot = await request.get(path, { maxRedirects: 0, headers: { "user-agent": "facebookexternalhit/1.1" } });
  expect(bot.status()).toBe(302);

  await page.reload();
  await expect(page.getByTestId("campaign-clicks")).toHaveText(String(before + 1));
});

test("the composer shows each link as it will go out with the campaign's UTM parameters", async ({ page }) => {
  await logIn(page, owner.email, owner.password);
  await page.goto("/posts/new");
  await hydrated(page);
  await page.getByLabel("Text", { exact: true }).fill("Our holiday menu: https://northwind.example/menu?size=12oz");
  await page.locator("[data-testid=account-choice][data-platform=threads] input[type=checkbox]").check();
  await expect(page.getByTestId("preview-links")).toHaveCount(0);
  await page.getByLabel("Campaign", { exact: true }).selectOption({ label: "Holiday Blend Launch" });
  const threads = page.locator("[data-testid=preview][data-platform=threads]");
  await expect(threads.getByTestId("preview-link")).toHaveText(
    "https://northwind.example/menu?size=12oz&utm_source=threads&utm_medium=social&utm_campaign=holiday-blend-launch",
  );
  await page.getByLabel("Send links as short links that count clicks").check();
  await expect(threads.getByTestId("preview-link")).toContainText("Short link (/l/…) to https://northwind.example/menu?size=12oz&utm_source=threads");
});
